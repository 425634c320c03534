package dev.nnc.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin's switches take true or false, nothing Maven would quietly read as false. */
class SwitchesTest {

    @Test
    void trueAndFalseInAnyCaseAndUnsetMeansFalse() throws MojoExecutionException {
        assertTrue(AbstractNncMojo.flag("skip", "true"));
        assertTrue(AbstractNncMojo.flag("skip", " TRUE "));
        assertFalse(AbstractNncMojo.flag("skip", "False"));
        assertFalse(AbstractNncMojo.flag("skip", null));
    }

    @Test
    void anyOtherWordIsRefusedNamingTheSwitch() {
        for (String word : new String[] {"yes", "1", "on", ""}) {
            MojoExecutionException e = assertThrows(MojoExecutionException.class,
                    () -> AbstractNncMojo.flag("failOnWarning", word));
            assertEquals("nnc: failOnWarning must be `true` or `false`, not `" + word + "`", e.getMessage());
        }
    }

    /** Command-line goals of generate run in the build too: their executions are not removed as gone. */
    @Test
    void commandLineGoalsNameTheirExecutions() {
        assertEquals(java.util.Optional.of("default-cli"), GenerateMojo.cliExecutionOf("nnc:generate"));
        assertEquals(java.util.Optional.of("default-cli"), GenerateMojo.cliExecutionOf("dev.nnc:nnc-maven-plugin:0.1.0-SNAPSHOT:generate"));
        assertEquals(java.util.Optional.of("extra"), GenerateMojo.cliExecutionOf("dev.nnc:nnc-maven-plugin:generate@extra"));
        assertEquals(java.util.Optional.empty(), GenerateMojo.cliExecutionOf("nnc:check"));
        assertEquals(java.util.Optional.empty(), GenerateMojo.cliExecutionOf("compile"));
    }
}
