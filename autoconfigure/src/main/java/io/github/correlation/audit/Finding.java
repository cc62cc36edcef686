package io.github.correlation.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * One kind of problem the audit found, with how often and where it was last seen, and the
 * decision whether it is time to report it again.
 *
 * @author Correlation contributors
 */
final class Finding {

	private final String category;

	private final String name;

	private final AtomicLong count = new AtomicLong();

	private final Instant firstSeen;

	private volatile Instant lastSeen;

	private volatile String thread;

	private volatile String detail;

	private volatile String message;

	private @Nullable Instant lastReported;

	private long countAtLastReport;

	Finding(String category, String name, Instant now) {
		this.category = category;
		this.name = name;
		this.firstSeen = now;
		this.lastSeen = now;
		this.thread = "";
		this.detail = "";
		this.message = "";
	}

	/**
	 * Record one occurrence.
	 * @param now the time
	 * @param thread the thread it happened on
	 * @param detail where it happened
	 * @param message the sentence that reports it
	 * @param interval the least time between two reports
	 * @return how many occurrences the report now due covers, or {@code 0} if no report
	 * is due
	 */
	long occurred(Instant now, String thread, String detail, String message, Duration interval) {
		long total = this.count.incrementAndGet();
		this.lastSeen = now;
		this.thread = thread;
		this.detail = detail;
		this.message = message;
		synchronized (this) {
			if (this.lastReported != null && now.isBefore(this.lastReported.plus(interval))) {
				return 0;
			}
			long since = total - this.countAtLastReport;
			this.lastReported = now;
			this.countAtLastReport = total;
			return since;
		}
	}

	String category() {
		return this.category;
	}

	String name() {
		return this.name;
	}

	long count() {
		return this.count.get();
	}

	Instant firstSeen() {
		return this.firstSeen;
	}

	Instant lastSeen() {
		return this.lastSeen;
	}

	String thread() {
		return this.thread;
	}

	String detail() {
		return this.detail;
	}

	String message() {
		return this.message;
	}

}
