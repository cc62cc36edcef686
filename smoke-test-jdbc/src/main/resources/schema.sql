create table if not exists orders (id varchar(64) primary key, card varchar(32), status varchar(16), total decimal(10, 2));
