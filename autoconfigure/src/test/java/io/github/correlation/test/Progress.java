package io.github.correlation.test;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Waits for a count to reach a target for as long as it keeps moving: a slow machine gets
 * the time it needs, a stalled one fails after {@code stall} without progress. The test's
 * own timeout bounds the whole wait.
 */
public final class Progress {

	private Progress() {
	}

	/**
	 * Waits until {@code count} reaches {@code target}.
	 * @param what what is counted, for the failure message
	 * @param count the count, read every 100 ms
	 * @param target the count to wait for
	 * @param stall how long the count may stand still before the wait fails
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void awaitCount(String what, IntSupplier count, int target, Duration stall)
			throws InterruptedException {
		int last = count.getAsInt();
		long lastMoved = System.nanoTime();
		while (last < target) {
			Thread.sleep(100);
			int now = count.getAsInt();
			if (now != last) {
				last = now;
				lastMoved = System.nanoTime();
			}
			else if (System.nanoTime() - lastMoved > stall.toNanos()) {
				throw new AssertionError("%s: %d of %d, with no progress for %s".formatted(what, now, target, stall));
			}
		}
	}

}
