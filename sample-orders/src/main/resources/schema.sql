create table if not exists orders (
	id varchar(36) primary key,
	customer_id varchar(64) not null,
	items varchar(2000) not null,
	amount_cents bigint not null,
	status varchar(16) not null,
	created_at timestamp not null
);
