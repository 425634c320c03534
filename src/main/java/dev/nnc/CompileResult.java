package dev.nnc;

import dev.nnc.check.CheckResult;
import com.palantir.javapoet.JavaFile;

import java.util.Optional;

/** The checker's verdict on one file and, when it has no error, the generated Java source. */
public record CompileResult(CheckResult check, Optional<JavaFile> javaFile) {
    public boolean hasErrors() { return check.hasErrors(); }
}
