package dev.nnc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifRendererTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SourceFile file = new SourceFile("bad/dense_in_mismatch.nn", """
            model BadDense {
              flatten
              dense fc1(3163 -> 128) relu
              dense fc2(128 -> 10
            }
            """);

    private Diagnostic mismatch() {
        return Diagnostic.at(Code.NN0102, Spans.on(file, 3, "3163"), "`fc1` expects 3163 inputs, but receives 3136")
                .label("declared here")
                .secondary(Spans.on(file, 2, "flatten"), "delivers 3136 values")
                .note("[64, 7, 7] = 3136")
                .help("write `dense fc1(3136 -> 128)`")
                .build();
    }

    private Diagnostic unclosed() {
        int endOfLine = file.lineSpan(4).end();
        return Diagnostic.at(Code.NN0002, file.span(endOfLine, endOfLine), "unclosed `(`").build();
    }

    private Diagnostic lint() {
        return Diagnostic.at(Code.NN0501, Spans.on(file, 4, "fc2"), "consecutive linear layers").build();
    }

    private JsonNode render(Diagnostic... ds) throws Exception {
        return MAPPER.readTree(new SarifRenderer("1.2.3").render(List.of(ds)));
    }

    @Test
    void logHasSchemaVersionAndOneRunFromNnc() throws Exception {
        JsonNode log = render(mismatch());
        assertEquals(SarifRenderer.SCHEMA, log.get("$schema").asText());
        assertEquals("2.1.0", log.get("version").asText());
        assertEquals(1, log.get("runs").size());
        JsonNode driver = log.at("/runs/0/tool/driver");
        assertEquals("nnc", driver.get("name").asText());
        assertEquals("1.2.3", driver.get("version").asText());
    }

    @Test
    void oneRulePerCodeUsedInCodeOrderAndResultsPointAtThem() throws Exception {
        JsonNode run = render(lint(), mismatch(), unclosed(), mismatch()).at("/runs/0");
        JsonNode rules = run.at("/tool/driver/rules");
        assertEquals(3, rules.size());
        assertEquals("NN0002", rules.get(0).get("id").asText());
        assertEquals("NN0102", rules.get(1).get("id").asText());
        assertEquals("NN0501", rules.get(2).get("id").asText());
        assertEquals("input size mismatch", rules.get(1).at("/shortDescription/text").asText());
        assertEquals("error", rules.get(1).at("/defaultConfiguration/level").asText());
        assertEquals("warning", rules.get(2).at("/defaultConfiguration/level").asText());

        JsonNode results = run.get("results");
        assertEquals(4, results.size());
        for (JsonNode result : results) {
            assertEquals(result.get("ruleId").asText(), rules.get(result.get("ruleIndex").asInt()).get("id").asText());
        }
        assertEquals("warning", results.get(0).get("level").asText());
        assertEquals("error", results.get(1).get("level").asText());
    }

    @Test
    void resultHasMessageWithNotesAndARegionWithExclusiveEndColumn() throws Exception {
        JsonNode result = render(mismatch()).at("/runs/0/results/0");
        assertEquals("NN0102", result.get("ruleId").asText());
        // A message with a link to its related location escapes its literal brackets.
        assertEquals("`fc1` expects 3163 inputs, but receives 3136\nnote: \\[64, 7, 7\\] = 3136\nhelp: write `dense fc1(3136 -> 128)`"
                        + "\nsee [delivers 3136 values](1)",
                result.at("/message/text").asText());
        assertEquals("`fc1` expects 3163 inputs, but receives 3136\nnote: [64, 7, 7] = 3136",
                render(Diagnostic.at(Code.NN0102, Spans.on(file, 3, "3163"), "`fc1` expects 3163 inputs, but receives 3136")
                        .note("[64, 7, 7] = 3136").build()).at("/runs/0/results/0/message/text").asText(), "without links, as written");

        JsonNode location = result.at("/locations/0");
        assertEquals("bad/dense_in_mismatch.nn", location.at("/physicalLocation/artifactLocation/uri").asText());
        assertEquals("declared here", location.at("/message/text").asText());
        JsonNode region = location.at("/physicalLocation/region");
        assertEquals(3, region.get("startLine").asInt());
        assertEquals(13, region.get("startColumn").asInt(), "columns are 1-based");
        assertEquals(3, region.get("endLine").asInt());
        assertEquals(17, region.get("endColumn").asInt(), "the column after `3163`");
    }

    @Test
    void secondaryLabelsBecomeRelatedLocations() throws Exception {
        JsonNode related = render(mismatch()).at("/runs/0/results/0/relatedLocations");
        assertEquals(1, related.size());
        assertEquals(1, related.get(0).get("id").asInt());
        assertEquals("delivers 3136 values", related.get(0).at("/message/text").asText());
        JsonNode region = related.get(0).at("/physicalLocation/region");
        assertEquals(2, region.get("startLine").asInt());
        assertEquals(3, region.get("startColumn").asInt());
        assertEquals(10, region.get("endColumn").asInt());
    }

    @Test
    void zeroWidthSpanIsAnEmptyRegion() throws Exception {
        JsonNode region = render(unclosed()).at("/runs/0/results/0/locations/0/physicalLocation/region");
        assertEquals(region.get("startColumn").asInt(), region.get("endColumn").asInt());
        assertEquals(22, region.get("startColumn").asInt(), "just after `10`");
    }

    @Test
    void wholeFileDiagnosticHasALocationWithoutRegion() throws Exception {
        JsonNode result = render(Diagnostic.forFile(Code.NN0007, "models\\empty.nn", "empty").build())
                .at("/runs/0/results/0");
        JsonNode physical = result.at("/locations/0/physicalLocation");
        assertEquals("models/empty.nn", physical.at("/artifactLocation/uri").asText());
        assertFalse(physical.has("region"));
        assertFalse(result.has("relatedLocations"));
    }

    /** Relative paths are relative to where nnc ran: the run says where that is. */
    @Test
    void relativeUrisHaveABaseTheRunMapsToTheDirectory() throws Exception {
        JsonNode run = MAPPER.readTree(new SarifRenderer("1", "/home/me/my project").render(List.of(mismatch(),
                Diagnostic.forFile(Code.NN0005, "/tmp/x.nn", "cannot read").build()))).at("/runs/0");
        assertEquals("file:///home/me/my%20project/", run.at("/originalUriBaseIds/%SRCROOT%/uri").asText());
        JsonNode relative = run.at("/results/0/locations/0/physicalLocation/artifactLocation");
        assertEquals("bad/dense_in_mismatch.nn", relative.get("uri").asText());
        assertEquals("%SRCROOT%", relative.get("uriBaseId").asText());
        assertEquals("%SRCROOT%", run.at("/results/0/relatedLocations/0/physicalLocation/artifactLocation/uriBaseId").asText());
        JsonNode absolute = run.at("/results/1/locations/0/physicalLocation/artifactLocation");
        assertEquals("file:///tmp/x.nn", absolute.get("uri").asText());
        assertFalse(absolute.has("uriBaseId"), "an absolute URI has no base");
        assertFalse(render(mismatch()).at("/runs/0").has("originalUriBaseIds"), "no base given, none claimed");
    }

    /** Paths as given become URIs under the base, normalized; a path outside it is absolute, never `..` out of the base. */
    @Test
    void pathsAreNormalizedAgainstTheBase() throws Exception {
        SarifRenderer renderer = new SarifRenderer("1", "/home/me/project");
        for (String[] c : new String[][] {{"./m.nn", "m.nn"}, {"models/../m.nn", "m.nn"}, {"/home/me/project/models/m.nn", "models/m.nn"},
                {"../other/m.nn", "file:///home/me/other/m.nn"}, {"/tmp/m.nn", "file:///tmp/m.nn"}}) {
            JsonNode artifact = MAPPER.readTree(renderer.render(List.of(Diagnostic.forFile(Code.NN0007, c[0], "empty").build())))
                    .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation");
            assertEquals(c[1], artifact.get("uri").asText(), c[0]);
            assertEquals(!c[1].startsWith("file:"), artifact.has("uriBaseId"), c[0]);
        }
    }

    @Test
    void pathsBecomeUriReferences() {
        assertEquals("bad/x.nn", SarifRenderer.uri("bad/x.nn"));
        assertEquals("bad/x.nn", SarifRenderer.uri("bad\\x.nn"));
        assertEquals("my%20models/r%C3%A9seau.nn", SarifRenderer.uri("my models/réseau.nn"));
        assertEquals("a%3Ab.nn", SarifRenderer.uri("a:b.nn"));
        assertEquals("file:///home/me/x.nn", SarifRenderer.uri("/home/me/x.nn"));
        assertEquals("file:///C:/models/x.nn", SarifRenderer.uri("C:\\models\\x.nn"));
    }

    @Test
    void versionCanBeLeftOut() throws Exception {
        JsonNode driver = MAPPER.readTree(new SarifRenderer(null).render(List.of())).at("/runs/0/tool/driver");
        assertEquals("nnc", driver.get("name").asText());
        assertFalse(driver.has("version"));
        assertTrue(driver.get("rules").isEmpty());
        assertTrue(MAPPER.readTree(new SarifRenderer(null).render(List.of())).at("/runs/0/results").isArray());
    }
}
