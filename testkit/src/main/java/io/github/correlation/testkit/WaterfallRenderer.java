package io.github.correlation.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.correlation.testkit.ReceivedSpan.Event;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link Trace} as a plain ASCII text waterfall, one line per span. Spans are
 * listed depth first from each root (roots by start time), children indented by two
 * spaces per level. Orphans, whose parent never arrived, follow as extra roots marked
 * {@code (orphan)}; spans only reachable through a parent cycle are marked
 * {@code (cycle)}. Each bar covers the span's share of the whole trace, at least one
 * cell.
 * <p>
 * A span's events follow its line, in time order, indented one level deeper than the span
 * name and not aligned to the bars: a log line recorded on the span (an event with a
 * {@code log.severity} attribute) as {@code ! SEVERITY message}, an {@code exception}
 * event as {@code ! SEVERITY message - SimpleClassName: exception message} (severity
 * {@code ERROR} and no message unless it was logged, never the stack trace), any other
 * event as {@code - name}. Control characters in an event line become {@code ?}, and the
 * line is cut to the name width plus the bar width after its indentation. With a name
 * width of 22 and a bar width of 20:
 *
 * <pre>
 * trace 4bf92f3577b34da6a3ce929d0e0e4736  120.0 ms  4 spans  services: billing, gateway, orders
 * gateway  GET /orders            |####################|     120.0 ms
 * orders     GET /orders/{id}     |..........#########.|      50.0 ms ERROR
 * orders       ! WARN stock low for item 42
 * orders       ! ERROR IllegalStateException: no stock
 * orders       SELECT orders      |...........###......|      12.5 ms
 * orders         - cache miss
 * billing  charge                 |...##...............|      10.0 ms (orphan)
 * </pre>
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class WaterfallRenderer {

	/**
	 * Default width of the span name column, indentation included.
	 */
	public static final int DEFAULT_NAME_WIDTH = 48;

	/**
	 * Default number of cells of the bar.
	 */
	public static final int DEFAULT_BAR_WIDTH = 40;

	private static final WaterfallRenderer DEFAULT = new WaterfallRenderer();

	private static final String EXCEPTION_EVENT = "exception";

	private static final String LOG_SEVERITY = "log.severity";

	private static final String LOG_MESSAGE = "log.message";

	private static final String EXCEPTION_TYPE = "exception.type";

	private static final String EXCEPTION_MESSAGE = "exception.message";

	private static final Comparator<Event> BY_TIME = Comparator.comparingLong(Event::epochNanos);

	private final int nameWidth;

	private final int barWidth;

	/**
	 * Create a renderer with the default widths.
	 */
	public WaterfallRenderer() {
		this(DEFAULT_NAME_WIDTH, DEFAULT_BAR_WIDTH);
	}

	/**
	 * Create a renderer with the given widths.
	 * @param nameWidth the width of the span name column, indentation included; longer
	 * names are truncated (at least 4)
	 * @param barWidth the number of cells of the bar (at least 1)
	 */
	public WaterfallRenderer(int nameWidth, int barWidth) {
		if (nameWidth < 4 || barWidth < 1) {
			throw new IllegalArgumentException("nameWidth must be at least 4 and barWidth at least 1");
		}
		this.nameWidth = nameWidth;
		this.barWidth = barWidth;
	}

	/**
	 * Render a trace with the default widths.
	 * @param trace the trace to render
	 * @return the waterfall, lines separated by {@code \n}, without a trailing newline
	 */
	public static String render(Trace trace) {
		return DEFAULT.format(trace);
	}

	/**
	 * Render a trace with the widths of this renderer.
	 * @param trace the trace to render
	 * @return the waterfall, lines separated by {@code \n}, without a trailing newline
	 */
	public String format(Trace trace) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "trace %s  %s ms  %d spans  services: %s", trace.traceId(),
				millis(trace.endEpochNanos() - trace.startEpochNanos()), trace.spans().size(),
				trace.services().isEmpty() ? "-" : String.join(", ", trace.services())));
		int serviceWidth = trace.services().stream().mapToInt(String::length).max().orElse(0);
		Set<ReceivedSpan> rendered = Collections.newSetFromMap(new IdentityHashMap<>());
		for (ReceivedSpan root : trace.roots()) {
			renderTree(out, trace, root, "", serviceWidth, rendered);
		}
		for (ReceivedSpan orphan : trace.orphans()) {
			renderTree(out, trace, orphan, " (orphan)", serviceWidth, rendered);
		}
		for (ReceivedSpan span : trace.spans()) {
			if (!rendered.contains(span)) {
				renderTree(out, trace, span, " (cycle)", serviceWidth, rendered);
			}
		}
		return out.toString();
	}

	private void renderTree(StringBuilder out, Trace trace, ReceivedSpan top, String marker, int serviceWidth,
			Set<ReceivedSpan> rendered) {
		// Iterative so that a pathologically deep trace cannot overflow the stack.
		Deque<Pending> stack = new ArrayDeque<>();
		stack.push(new Pending(top, 0));
		while (!stack.isEmpty()) {
			Pending pending = stack.pop();
			ReceivedSpan span = pending.span();
			if (!rendered.add(span)) {
				continue;
			}
			appendLine(out, trace, span, pending.depth(), (span == top) ? marker : "", serviceWidth);
			appendEvents(out, span, pending.depth(), serviceWidth);
			List<ReceivedSpan> children = trace.children(span);
			for (int i = children.size() - 1; i >= 0; i--) {
				stack.push(new Pending(children.get(i), pending.depth() + 1));
			}
		}
	}

	private void appendLine(StringBuilder out, Trace trace, ReceivedSpan span, int depth, String marker,
			int serviceWidth) {
		out.append('\n');
		out.append(pad(span.serviceName(), serviceWidth)).append("  ");
		out.append(pad(fit("  ".repeat(depth) + span.name()), this.nameWidth));
		out.append(" |").append(bar(trace, span)).append("| ");
		out.append(String.format(Locale.ROOT, "%9s ms", millis(span.endEpochNanos() - span.startEpochNanos())));
		if (span.isError()) {
			out.append(" ERROR");
		}
		out.append(marker);
	}

	private void appendEvents(StringBuilder out, ReceivedSpan span, int depth, int serviceWidth) {
		List<Event> events = new ArrayList<>(span.events());
		// A stable sort keeps received order among events of the same nanosecond.
		events.sort(BY_TIME);
		for (Event event : events) {
			out.append('\n');
			out.append(pad(span.serviceName(), serviceWidth)).append("  ");
			out.append("  ".repeat(depth + 1));
			out.append(cut(printable(describe(event)), this.nameWidth + this.barWidth));
		}
	}

	private static String describe(Event event) {
		String severity = event.attribute(LOG_SEVERITY);
		String message = event.attribute(LOG_MESSAGE);
		if (EXCEPTION_EVENT.equals(event.name())) {
			StringBuilder text = new StringBuilder("! ");
			text.append(isEmpty(severity) ? "ERROR" : severity).append(' ');
			if (!isEmpty(message)) {
				text.append(message).append(" - ");
			}
			text.append(simpleName(event.attribute(EXCEPTION_TYPE)));
			String exceptionMessage = event.attribute(EXCEPTION_MESSAGE);
			if (!isEmpty(exceptionMessage)) {
				text.append(": ").append(exceptionMessage);
			}
			return text.toString();
		}
		if (severity != null) {
			return "! " + severity + (isEmpty(message) ? "" : " " + message);
		}
		return "- " + event.name();
	}

	private static String simpleName(@Nullable String type) {
		if (isEmpty(type)) {
			return EXCEPTION_EVENT;
		}
		int start = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1;
		return (start < type.length()) ? type.substring(start) : type;
	}

	private static boolean isEmpty(@Nullable String text) {
		return text == null || text.isEmpty();
	}

	private static String printable(String text) {
		StringBuilder printable = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			boolean control = Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT;
			printable.append(control ? '?' : ch);
		}
		return printable.toString();
	}

	private static String cut(String text, int width) {
		if (text.length() <= width) {
			return text;
		}
		int length = width - 3;
		// Never cut a surrogate pair in two.
		if (Character.isHighSurrogate(text.charAt(length - 1))) {
			length--;
		}
		return text.substring(0, length) + "...";
	}

	private String bar(Trace trace, ReceivedSpan span) {
		long origin = trace.startEpochNanos();
		long total = trace.endEpochNanos() - origin;
		int from = 0;
		int to = this.barWidth;
		if (total > 0) {
			long startOffset = clamp(span.startEpochNanos() - origin, 0, total);
			long endOffset = clamp(span.endEpochNanos() - origin, startOffset, total);
			from = Math.min((int) Math.floor(startOffset * (double) this.barWidth / total), this.barWidth - 1);
			to = Math.max((int) Math.ceil(endOffset * (double) this.barWidth / total), from + 1);
		}
		return ".".repeat(from) + "#".repeat(to - from) + ".".repeat(this.barWidth - to);
	}

	private String fit(String text) {
		return (text.length() <= this.nameWidth) ? text : text.substring(0, this.nameWidth - 3) + "...";
	}

	private static String pad(String text, int width) {
		return (text.length() >= width) ? text : text + " ".repeat(width - text.length());
	}

	private static long clamp(long value, long min, long max) {
		return Math.max(min, Math.min(max, value));
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.1f", Math.max(0, nanos) / 1_000_000.0);
	}

	private record Pending(ReceivedSpan span, int depth) {

	}

}
