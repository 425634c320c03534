package dev.nnc.maven;

import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An output directory nnc cannot write: the file, the reason and the setting, not Java's bare path. */
class IoProblemTest {

    @Test
    void anOutputDirectoryThatCannotBeMadeIsNamedWithItsReason(@TempDir Path dir) throws java.io.IOException {
        GenerateMojo mojo = new GenerateMojo();
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        mojo.project = project;
        Path pom = dir.resolve("pom.xml");
        assertEquals("nnc: cannot generate: pom.xml/com/example: Not a directory (the outputDirectory pom.xml must be a directory nnc"
                        + " can create and write to)",
                mojo.ioProblem(new FileSystemException(pom.resolve("com/example").toString(), null, "Not a directory"), pom));
        // With the file there, it is what is in the way.
        java.nio.file.Files.writeString(pom, "<project/>");
        assertEquals("nnc: cannot generate: pom.xml is a file, not a folder (the outputDirectory pom.xml/sub must be a directory nnc"
                        + " can create and write to)",
                mojo.ioProblem(new FileSystemException(pom.resolve("sub/com/example").toString(), null, "Not a directory"), pom.resolve("sub")));
        assertEquals("nnc: cannot generate: /proc/x: no such file or directory (the outputDirectory /proc/x must be a directory nnc"
                + " can create and write to)", mojo.ioProblem(new NoSuchFileException("/proc/x"), Path.of("/proc/x")));
        assertEquals("nnc: cannot generate: src/main/nn/a.nn: permission denied",
                mojo.ioProblem(new java.nio.file.AccessDeniedException(dir.resolve("src/main/nn/a.nn").toString()), dir.resolve("target/gen")));
    }
}
