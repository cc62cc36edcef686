package io.github.correlation.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Figures measured per variant over several rounds, printed as one table of medians, with
 * the spread (lowest to highest) of the first column, and a second table of ratios
 * against a baseline variant.
 *
 * @author Correlation contributors
 */
final class Table {

	private final List<Column> columns = new ArrayList<>();

	private final Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();

	Table column(String name, DoubleFunction<String> format) {
		this.columns.add(new Column(name, format));
		return this;
	}

	void add(String variant, String column, double value) {
		this.rows.computeIfAbsent(variant, (key) -> new LinkedHashMap<>())
			.computeIfAbsent(column, (key) -> new ArrayList<>())
			.add(value);
	}

	double median(String variant, String column) {
		List<Double> values = new ArrayList<>(
				this.rows.getOrDefault(variant, Map.of()).getOrDefault(column, List.of()));
		if (values.isEmpty()) {
			return Double.NaN;
		}
		values.sort(null);
		int middle = values.size() / 2;
		return (values.size() % 2 == 1) ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
	}

	String render(String baseline) {
		StringBuilder out = new StringBuilder();
		List<List<String>> lines = new ArrayList<>();
		List<String> header = new ArrayList<>(List.of("variant"));
		this.columns.forEach((column) -> header.add(column.name()));
		lines.add(header);
		this.rows.keySet().forEach((variant) -> lines.add(figures(variant)));
		append(out, lines);
		if (this.rows.containsKey(baseline)) {
			out.append("\nratio against ").append(baseline).append(" (same run):\n");
			List<List<String>> ratios = new ArrayList<>();
			ratios.add(header);
			this.rows.keySet().forEach((variant) -> ratios.add(ratios(variant, baseline)));
			append(out, ratios);
		}
		return out.toString();
	}

	private List<String> figures(String variant) {
		List<String> line = new ArrayList<>(List.of(variant));
		for (int i = 0; i < this.columns.size(); i++) {
			Column column = this.columns.get(i);
			String figure = column.format().apply(median(variant, column.name()));
			if (i == 0) {
				List<Double> values = this.rows.get(variant).getOrDefault(column.name(), List.of());
				if (values.size() > 1) {
					double low = values.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
					double high = values.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
					figure += " (" + column.format().apply(low) + "-" + column.format().apply(high) + ")";
				}
			}
			line.add(figure);
		}
		return line;
	}

	private List<String> ratios(String variant, String baseline) {
		List<String> line = new ArrayList<>(List.of(variant));
		for (Column column : this.columns) {
			double ratio = median(variant, column.name()) / median(baseline, column.name());
			line.add(Double.isFinite(ratio) ? String.format("%.2fx", ratio) : "-");
		}
		return line;
	}

	private static void append(StringBuilder out, List<List<String>> lines) {
		int[] widths = new int[lines.get(0).size()];
		for (List<String> line : lines) {
			for (int i = 0; i < line.size(); i++) {
				widths[i] = Math.max(widths[i], line.get(i).length());
			}
		}
		for (List<String> line : lines) {
			StringBuilder text = new StringBuilder("|");
			for (int i = 0; i < line.size(); i++) {
				String cell = line.get(i);
				text.append(' ')
					.append((i == 0) ? pad(cell, widths[i]) : " ".repeat(widths[i] - cell.length()) + cell)
					.append(" |");
			}
			out.append(text).append('\n');
			if (line == lines.get(0)) {
				StringBuilder rule = new StringBuilder("|");
				for (int width : widths) {
					rule.append("-".repeat(width + 2)).append('|');
				}
				out.append(rule).append('\n');
			}
		}
	}

	private static String pad(String cell, int width) {
		return cell + " ".repeat(width - cell.length());
	}

	private record Column(String name, DoubleFunction<String> format) {
	}

}
