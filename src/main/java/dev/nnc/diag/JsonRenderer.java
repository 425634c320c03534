package dev.nnc.diag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Diagnostics for programs ({@code --format json}): a pretty-printed array with one
 * object per diagnostic, fields always present and always in this order:
 *
 * <pre>
 * file, line, column, endLine, endColumn, severity, code, title, message, label,
 * notes[], help[], secondary[{file, line, column, endLine, endColumn, message}], rendered
 * </pre>
 *
 * Positions follow {@link Span}: 1-based, {@code endColumn} exclusive as in rustc's JSON
 * (a zero-width span has {@code endColumn == column}); they are {@code null} for a
 * whole-file diagnostic.
 * {@code title} names the code's kind of problem in a few words (as SARIF's rule names it;
 * {@code nnc explain CODE} says more). {@code severity} is {@code "error"} or {@code "warning"}, {@code label} is {@code ""}
 * when there is none, and {@code rendered} is the uncolored human form, as in rustc's
 * JSON, so that a tool can show exactly what the terminal would.
 */
public final class JsonRenderer implements DiagnosticRenderer {
    private final HumanRenderer human = new HumanRenderer(false);

    @Override
    public String render(List<Diagnostic> diagnostics) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Diagnostic d : diagnostics) array.add(toJson(d));
        return Json.write(array);
    }

    private ObjectNode toJson(Diagnostic d) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("file", d.file());
        putPosition(o, d.span());
        o.put("severity", d.severity().word());
        o.put("code", d.code().name());
        o.put("title", d.code().title());
        o.put("message", d.message());
        o.put("label", d.label());
        d.notes().forEach(o.putArray("notes")::add);
        d.help().forEach(o.putArray("help")::add);
        ArrayNode secondary = o.putArray("secondary");
        for (Label l : d.secondary()) {
            ObjectNode s = secondary.addObject();
            s.put("file", l.span().file().path());
            putPosition(s, l.span());
            s.put("message", l.message());
        }
        o.put("rendered", human.render(d));
        return o;
    }

    private static void putPosition(ObjectNode o, Span span) {
        if (span == null) {
            o.putNull("line");
            o.putNull("column");
            o.putNull("endLine");
            o.putNull("endColumn");
        } else {
            o.put("line", span.line());
            o.put("column", span.column());
            o.put("endLine", span.endLine());
            o.put("endColumn", span.endColumn());
        }
    }
}
