package dev.nnc.diag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Diagnostics for CI code scanning, as one SARIF 2.1.0 log with a single run: the
 * driver lists one rule per {@link Code} that occurs (id, title, default level, and its
 * {@link Explanations} page as description and help), and
 * each diagnostic becomes a result with its primary location, its secondary labels as
 * related locations, and its notes and help appended to the message text.
 *
 * <p>Paths under the directory nnc ran in are relative URIs, normalized, against the base
 * {@code %SRCROOT%}, which the run maps to that directory ({@code originalUriBaseIds}), so that a
 * consumer resolves them wherever it reads the log; others are absolute {@code file:} URIs. A secondary label is linked from the message
 * ({@code [label](id)}, SARIF's embedded links), since viewers such as GitHub's show related
 * locations only through such links; literal brackets of such a message are escaped then.
 *
 * <p>Like {@link Span}, a region's {@code endColumn} is exclusive (the column after the
 * last character), so a zero-width span has {@code startColumn == endColumn}. Columns count UTF-16 code units, as {@code Span}
 * does, which is SARIF's default {@code columnKind}; the run states it anyway.
 */
public final class SarifRenderer implements DiagnosticRenderer {
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";

    /** The base that relative artifact URIs are relative to. */
    static final String SRCROOT = "%SRCROOT%";

    private final String toolVersion;
    private final java.nio.file.Path base;
    private final String baseUri;

    /** @param toolVersion nnc's version, or {@code null} to leave it out of the log */
    public SarifRenderer(String toolVersion) {
        this(toolVersion, null);
    }

    /**
     * @param toolVersion   nnc's version, or {@code null} to leave it out of the log
     * @param baseDirectory the absolute directory relative paths are relative to (where nnc runs), or
     *                      {@code null} to leave relative URIs without a base; paths are only compared
     *                      with it, the file system is not read
     */
    public SarifRenderer(String toolVersion, String baseDirectory) {
        this.toolVersion = toolVersion;
        this.base = baseDirectory == null ? null : java.nio.file.Path.of(baseDirectory).normalize();
        String uri = baseDirectory == null ? null : uri(this.base.toString());
        this.baseUri = uri == null || uri.endsWith("/") ? uri : uri + "/";
    }

    @Override
    public String render(List<Diagnostic> diagnostics) {
        List<Code> rules = new ArrayList<>(new TreeSet<>(diagnostics.stream().map(Diagnostic::code).toList()));

        ObjectNode log = Json.MAPPER.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "nnc");
        if (toolVersion != null) driver.put("version", toolVersion);
        ArrayNode ruleArray = driver.putArray("rules");
        for (Code code : rules) {
            ObjectNode rule = ruleArray.addObject();
            rule.put("id", code.name());
            rule.putObject("shortDescription").put("text", code.title());
            // The error index's page (nnc explain): GitHub shows it as the rule's help.
            Explanations.of(code).ifPresent(page -> {
                rule.putObject("fullDescription").put("text", page.summary());
                ObjectNode help = rule.putObject("help");
                help.put("text", page.markdown());
                help.put("markdown", page.markdown());
            });
            rule.putObject("defaultConfiguration").put("level", code.severity().word());
        }
        if (baseUri != null) run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", baseUri);
        run.put("columnKind", "utf16CodeUnits");
        ArrayNode results = run.putArray("results");
        for (Diagnostic d : diagnostics) results.add(result(d, rules.indexOf(d.code())));
        return Json.write(log);
    }

    private ObjectNode result(Diagnostic d, int ruleIndex) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("ruleId", d.code().name());
        r.put("ruleIndex", ruleIndex);
        r.put("level", d.severity().word());
        r.putObject("message").put("text", messageText(d));
        ArrayNode locations = r.putArray("locations");
        if (d.file() != null || d.span() != null) {
            ObjectNode location = locations.addObject();
            String path = d.span() != null ? d.span().file().path() : d.file();
            putPhysical(location, path, d.span());
            if (!d.label().isEmpty()) location.putObject("message").put("text", d.label());
        }
        if (!d.secondary().isEmpty()) {
            ArrayNode related = r.putArray("relatedLocations");
            int id = 1;
            for (Label l : d.secondary()) {
                ObjectNode location = related.addObject();
                location.put("id", id++);
                putPhysical(location, l.span().file().path(), l.span());
                location.putObject("message").put("text", l.message());
            }
        }
        return r;
    }

    /**
     * SARIF messages are plain text; notes and help follow the message on their own lines, then a
     * link to each related location ({@code see [label](1)}), whose id is its place in the list.
     */
    private static String messageText(Diagnostic d) {
        boolean links = !d.secondary().isEmpty();
        StringBuilder text = new StringBuilder(literal(d.message(), links));
        for (String note : d.notes()) text.append("\nnote: ").append(literal(note, links));
        for (String help : d.help()) text.append("\nhelp: ").append(literal(help, links));
        for (int i = 0; i < d.secondary().size(); i++) {
            text.append("\nsee [").append(literal(d.secondary().get(i).message(), true)).append("](").append(i + 1).append(')');
        }
        return text.toString();
    }

    /** Text as SARIF reads it: in a message with embedded links, a literal bracket is escaped. */
    private static String literal(String text, boolean links) {
        return links ? text.replace("[", "\\[").replace("]", "\\]") : text;
    }

    private void putPhysical(ObjectNode location, String path, Span span) {
        ObjectNode physical = location.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        String uri = base == null ? uri(path) : underBase(path);
        artifact.put("uri", uri);
        if (base != null && !uri.startsWith("file:")) artifact.put("uriBaseId", SRCROOT);
        if (span == null) return;
        ObjectNode region = physical.putObject("region");
        region.put("startLine", span.line());
        region.put("startColumn", span.column());
        region.put("endLine", span.endLine());
        region.put("endColumn", span.endColumn());
    }

    /**
     * A path as a URI against the base: relative and normalized ({@code ./a/../x.nn} is {@code x.nn})
     * when it lies under it, given relative or absolute; else an absolute {@code file:} URI, never
     * one that climbs out of the base with {@code ..}.
     */
    private String underBase(String path) {
        java.nio.file.Path p;
        try {
            p = base.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return uri(path); // not a path of this system: as given
        }
        return p.startsWith(base) ? uri(base.relativize(p).toString()) : uri(p.toString());
    }

    /**
     * The path as the user gave it, as a URI reference: forward slashes, characters
     * that may not appear in a URI percent-encoded, and absolute paths as {@code file:} URIs.
     */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        boolean drive = p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':' && p.charAt(2) == '/';
        if (drive) return "file:///" + p.substring(0, 2) + encode(p.substring(2));
        if (p.startsWith("/")) return "file://" + encode(p);
        return encode(p);
    }

    /** Percent-encodes all but RFC 3986 path characters; ':' too, lest it read as a scheme. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=@".indexOf(c) >= 0;
            if (plain) out.append((char) c);
            else out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
        return out.toString();
    }
}
