package dev.nnc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SourceFile file = new SourceFile("bad/conv_channels.nn", """
            model BadChannels {
              conv2d c1(1 -> 16, kernel: 3) relu
              conv2d c2(32 -> 32, kernel: 3) relu
            }
            """);

    private Diagnostic channelMismatch() {
        return Diagnostic.at(Code.NN0101, Spans.on(file, 3, "32"), "`c2` expects 32 channels, but `c1` produces 16")
                .label("expects 32 channels")
                .secondary(Spans.on(file, 2, "16"), "`c1` produces 16")
                .note("channels flow from one conv layer to the next")
                .help("write `conv2d c2(16 -> 32, kernel: 3)`")
                .build();
    }

    private JsonNode render(Diagnostic... ds) throws Exception {
        JsonNode tree = MAPPER.readTree(new JsonRenderer().render(List.of(ds)));
        assertTrue(tree.isArray());
        assertEquals(ds.length, tree.size());
        return tree;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyFieldIsPresentInAStableOrder() throws Exception {
        JsonNode d = render(channelMismatch()).get(0);
        assertEquals(List.of("file", "line", "column", "endLine", "endColumn", "severity", "code", "title", "message",
                "label", "notes", "help", "secondary", "rendered"), fieldNames(d));
        assertEquals(List.of("file", "line", "column", "endLine", "endColumn", "message"),
                fieldNames(d.get("secondary").get(0)));
    }

    @Test
    void positionsAndTextsComeFromTheDiagnostic() throws Exception {
        Diagnostic diagnostic = channelMismatch();
        JsonNode d = render(diagnostic).get(0);
        assertEquals("bad/conv_channels.nn", d.get("file").asText());
        assertEquals(3, d.get("line").asInt());
        assertEquals(13, d.get("column").asInt());
        assertEquals(3, d.get("endLine").asInt());
        assertEquals(15, d.get("endColumn").asInt(), "endColumn is exclusive, as in Span and rustc");
        assertEquals("error", d.get("severity").asText());
        assertEquals("NN0101", d.get("code").asText());
        assertEquals("channel mismatch", d.get("title").asText(), "the code's title, as SARIF's rule names it");
        assertEquals("`c2` expects 32 channels, but `c1` produces 16", d.get("message").asText());
        assertEquals("expects 32 channels", d.get("label").asText());
        assertEquals("channels flow from one conv layer to the next", d.get("notes").get(0).asText());
        assertEquals("write `conv2d c2(16 -> 32, kernel: 3)`", d.get("help").get(0).asText());

        JsonNode secondary = d.get("secondary").get(0);
        assertEquals(2, secondary.get("line").asInt());
        assertEquals(18, secondary.get("column").asInt());
        assertEquals(20, secondary.get("endColumn").asInt());
        assertEquals("`c1` produces 16", secondary.get("message").asText());

        assertEquals(new HumanRenderer(false).render(diagnostic), d.get("rendered").asText());
    }

    @Test
    void wholeFileDiagnosticHasNullPositions() throws Exception {
        JsonNode d = render(Diagnostic.forFile(Code.NN0007, "empty.nn", "`empty.nn` is empty").build()).get(0);
        for (String field : List.of("line", "column", "endLine", "endColumn")) {
            assertTrue(d.get(field).isNull(), field);
        }
        assertEquals("empty.nn", d.get("file").asText());
        assertEquals("warning", render(Diagnostic.forFile(Code.NN0505, "a.nn", "lr").build()).get(0).get("severity").asText());
    }

    @Test
    void outputIsPrettyPrintedTheSameOnEveryPlatform() {
        Diagnostic d = Diagnostic.forFile(Code.NN0007, "empty.nn", "`empty.nn` is empty").build();
        assertEquals("""
                [
                  {
                    "file": "empty.nn",
                    "line": null,
                    "column": null,
                    "endLine": null,
                    "endColumn": null,
                    "severity": "error",
                    "code": "NN0007",
                    "title": "empty file",
                    "message": "`empty.nn` is empty",
                    "label": "",
                    "notes": [],
                    "help": [],
                    "secondary": [],
                    "rendered": "error[NN0007]: `empty.nn` is empty\\n --> empty.nn\\n"
                  }
                ]
                """, new JsonRenderer().render(List.of(d)));
    }

    @Test
    void noDiagnosticsIsAnEmptyArray() {
        assertEquals("[]\n", new JsonRenderer().render(List.of()));
    }
}
