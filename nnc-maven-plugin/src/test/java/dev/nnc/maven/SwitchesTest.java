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

    /** -D values come untrimmed, and -Dnn.package= as "": read as the pom's would be (an empty <packageName/> is the default). */
    @Test
    void valuesFromTheCommandLineAreTrimmedAndAnEmptyPackageIsTheDefault() throws MojoExecutionException {
        GenerateMojo mojo = new GenerateMojo();
        mojo.vector = "false";
        mojo.packageName = " org.acme ";
        mojo.precision = "double ";
        assertEquals("org.acme", mojo.options().packageName());
        assertEquals(dev.nnc.codegen.Precision.DOUBLE, mojo.options().precision());
        mojo.packageName = "";
        assertEquals(dev.nnc.codegen.GeneratorOptions.DEFAULT_PACKAGE, mojo.options().packageName(), "never the unnamed package");
        mojo.packageName = "org..acme";
        assertThrows(MojoExecutionException.class, mojo::options);
        mojo.packageName = "javax.swing";
        assertEquals("nnc: packageName `javax.swing` is a package of the JDK, which takes no class of another; use one of yours,"
                + " e.g. com.example.models", assertThrows(MojoExecutionException.class, mojo::options).getMessage());
    }

    /** Command-line goals of generate run in the build too: their executions are not removed as gone. */
    @Test
    void commandLineGoalsNameTheirExecutions() {
        assertEquals(java.util.Optional.of("default-cli"), AbstractGenerateMojo.cliExecutionOf("generate", "nnc:generate"));
        assertEquals(java.util.Optional.of("default-cli"), AbstractGenerateMojo.cliExecutionOf("generate", "dev.nnc:nnc-maven-plugin:0.1.0-SNAPSHOT:generate"));
        assertEquals(java.util.Optional.of("extra"), AbstractGenerateMojo.cliExecutionOf("generate", "dev.nnc:nnc-maven-plugin:generate@extra"));
        assertEquals(java.util.Optional.empty(), AbstractGenerateMojo.cliExecutionOf("generate", "nnc:check"));
        assertEquals(java.util.Optional.empty(), AbstractGenerateMojo.cliExecutionOf("generate", "compile"));
        assertEquals(java.util.Optional.of("default-cli"), AbstractGenerateMojo.cliExecutionOf("generate-test", "nnc:generate-test"));
        assertEquals(java.util.Optional.empty(), AbstractGenerateMojo.cliExecutionOf("generate", "nnc:generate-test"), "each goal its own");
        assertEquals(java.util.Optional.empty(), AbstractGenerateMojo.cliExecutionOf("generate-test", "nnc:generate"));
    }

    /** nnc:check in a project at {@code dir}, its info and warn lines logged into {@code lines}. */
    private static CheckMojo checkMojo(java.nio.file.Path dir, java.util.List<String> lines) {
        CheckMojo mojo = new CheckMojo();
        org.apache.maven.project.MavenProject project = new org.apache.maven.project.MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        mojo.project = project;
        mojo.failOnWarning = "false";
        mojo.skip = "false";
        mojo.setLog(new org.apache.maven.plugin.logging.SystemStreamLog() {
            @Override public void info(CharSequence s) { lines.add("info " + s); }
            @Override public void warn(CharSequence s) { lines.add("warn " + s); }
        });
        return mojo;
    }

    /**
     * A module without models (the plugin declared in a parent) is no warning: only a
     * sourceDirectory set to one that does not exist is, said once, without "no .nn files" after it.
     */
    @Test
    void onlyASourceDirectorySetToNothingIsWarnedOf(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>();
        CheckMojo mojo = checkMojo(dir, lines);
        mojo.sourceDirectory = dir.resolve("src/main/nn").toFile();
        mojo.execute();
        assertEquals(java.util.List.of(), lines, "the default directory, absent");
        mojo.sourceDirectory = dir.resolve("src/main/nnn").toFile();
        mojo.execute();
        assertEquals(java.util.List.of("warn nnc: the source directory src/main/nnn does not exist; no models to check (set sourceDirectory,"
                + " or nn.sourceDirectory, to where the .nn files are)"), lines);
    }

    /** A lint step that passes is not taken to cover the tests' models, which generate-test checks. */
    @Test
    void checkSaysItLeavesTheTestsModelsToGenerateTest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("src/main/nn"));
        java.nio.file.Files.writeString(dir.resolve("src/main/nn/xor.nn"), "model Xor {\n  input [2]\n  dense out(2)\n}\n");
        java.util.List<String> lines = new java.util.ArrayList<>();
        CheckMojo mojo = checkMojo(dir, lines);
        mojo.sourceDirectory = dir.resolve("src/main/nn").toFile();
        mojo.execute();
        assertEquals(java.util.List.of("info nnc: checked 1 model: no problems"), lines);
        java.nio.file.Files.createDirectories(dir.resolve("src/test/nn"));
        java.nio.file.Files.writeString(dir.resolve("src/test/nn/probe.nn"), "model Probe {\n  input [2]\n  dense out(2)\n}\n");
        lines.clear();
        mojo.execute();
        assertEquals(java.util.List.of("info nnc: checked 1 model: no problems",
                "info nnc: the models in src/test/nn are the tests': generate-test checks them, check does not"), lines);
    }

    /** check, as generate, fails on a model whose class the project's own sources define. */
    @Test
    void checkFindsAClassTheProjectAlsoDefines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("src/main/nn"));
        java.nio.file.Files.writeString(dir.resolve("src/main/nn/xor.nn"), "model Xor {\n  input [2]\n  dense out(2)\n}\n");
        java.nio.file.Path mine = dir.resolve("src/main/java/com/example/Xor.java");
        java.nio.file.Files.createDirectories(mine.getParent());
        java.nio.file.Files.writeString(mine, "package com.example;\npublic class Xor { }\n");
        java.util.List<String> lines = new java.util.ArrayList<>();
        CheckMojo mojo = checkMojo(dir, lines);
        mojo.project.addCompileSourceRoot(dir.resolve("src/main/java").toString());
        mojo.sourceDirectory = dir.resolve("src/main/nn").toFile();
        mojo.packageName = "com.other";
        mojo.execute();
        assertEquals(java.util.List.of("info nnc: checked 1 model: no problems"), lines, "another package: no clash");
        mojo.packageName = "com.example";
        lines.clear();
        org.apache.maven.plugin.MojoFailureException e = assertThrows(org.apache.maven.plugin.MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("1 error"), e.getMessage());
    }

    /** The Java the project compiles for, as the compiler's properties write it. */
    @Test
    void javaVersionsAreReadAsTheCompilerWritesThem() {
        assertEquals(java.util.OptionalInt.of(11), AbstractGenerateMojo.javaVersion("11"));
        assertEquals(java.util.OptionalInt.of(8), AbstractGenerateMojo.javaVersion(" 1.8 "));
        assertEquals(java.util.OptionalInt.of(21), AbstractGenerateMojo.javaVersion("21"));
        assertEquals(java.util.OptionalInt.empty(), AbstractGenerateMojo.javaVersion("${java.specification.version}"));
        assertEquals(java.util.OptionalInt.empty(), AbstractGenerateMojo.javaVersion(null));
    }

    /** A project whose compiler plugin is configured with {@code xml} and whose pom sets {@code properties}. */
    private static org.apache.maven.project.MavenProject compiledWith(String xml, String... properties) throws Exception {
        org.apache.maven.model.Model model = new org.apache.maven.model.Model();
        org.apache.maven.model.Build build = new org.apache.maven.model.Build();
        org.apache.maven.model.Plugin compiler = new org.apache.maven.model.Plugin();
        compiler.setArtifactId("maven-compiler-plugin");
        compiler.setConfiguration(org.codehaus.plexus.util.xml.Xpp3DomBuilder.build(new java.io.StringReader(
                "<configuration>" + xml + "</configuration>")));
        build.addPlugin(compiler);
        model.setBuild(build);
        for (int i = 0; i < properties.length; i += 2) model.addProperty(properties[i], properties[i + 1]);
        return new org.apache.maven.project.MavenProject(model);
    }

    /**
     * As the compiler plugin reads them: each parameter from its configuration, else from its
     * property; release before target and source (javac's --release overrides them), and for the
     * tests testRelease before release.
     */
    @Test
    void theJavaTheClassesAreCompiledForIsReadAsTheCompilerPluginReadsIt() throws Exception {
        GenerateMojo main = new GenerateMojo();
        main.project = compiledWith("<source>11</source>", "maven.compiler.release", "17");
        main.requireJava17(); // release 17 wins over the configuration's source 11
        main.project = compiledWith("<release>11</release>", "maven.compiler.release", "17");
        var refused = assertThrows(org.apache.maven.plugin.MojoFailureException.class, main::requireJava17);
        assertTrue(refused.getMessage().contains("the maven-compiler-plugin's <release> is 11; set it to 17"), refused.getMessage());
        main.project = compiledWith("", "maven.compiler.source", "1.8", "maven.compiler.target", "1.8");
        refused = assertThrows(org.apache.maven.plugin.MojoFailureException.class, main::requireJava17);
        assertTrue(refused.getMessage().contains("maven.compiler.target is 1.8; set <maven.compiler.target>17</maven.compiler.target>"),
                refused.getMessage());

        GenerateTestMojo test = new GenerateTestMojo();
        test.project = compiledWith("<testRelease>11</testRelease>", "maven.compiler.release", "17");
        refused = assertThrows(org.apache.maven.plugin.MojoFailureException.class, test::requireJava17);
        assertTrue(refused.getMessage().contains("<testRelease> is 11"), refused.getMessage());
        test.project = compiledWith("<release>11</release>", "maven.compiler.testRelease", "17");
        test.requireJava17(); // the tests' own release wins
        main.project = test.project;
        assertThrows(org.apache.maven.plugin.MojoFailureException.class, main::requireJava17, "the main code's release is 11");
        // javac's --release overrides source and target, the tests' target included.
        test.project = compiledWith("<release>11</release><testTarget>17</testTarget>");
        assertThrows(org.apache.maven.plugin.MojoFailureException.class, test::requireJava17, "--release 11 is what javac gets");
        test.project = compiledWith("<release>17</release><testSource>11</testSource>");
        test.requireJava17();
    }

    /** Eclipse's m2e runs a plugin's goals in the IDE only if the plugin says it may. */
    @Test
    void thePluginTellsEclipseToRunItsGoals() throws java.io.IOException {
        try (var in = SwitchesTest.class.getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
            assertTrue(in != null, "the m2e metadata is in the plugin's jar");
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(xml.contains("<goal>generate</goal>") && xml.contains("<goal>generate-test</goal>") && xml.contains("<runOnIncremental>true</runOnIncremental>"), xml);
        }
    }
}
