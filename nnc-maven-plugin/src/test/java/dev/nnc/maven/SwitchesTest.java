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
}
