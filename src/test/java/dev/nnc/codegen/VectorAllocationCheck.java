package dev.nnc.codegen;

import dev.nnc.runtime.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

/**
 * A --vector training step allocates nothing, in a JVM that has run nothing else: its name
 * keeps it out of `mvn test`, and CI runs it on its own
 * ({@code mvn test -Dtest=VectorAllocationCheck}). In the whole suite's JVM it does not hold
 * yet (see NoAllocationTest).
 */
class VectorAllocationCheck {
    @ParameterizedTest
    @ValueSource(strings = {"mlp_small.nn", "mlp_regularized.nn", "cnn.nn"})
    void aVectorTrainingStepAllocatesNothingInAJvmOfItsOwn(String file) throws IOException {
        NoAllocationTest.check(file, Kernels.VECTOR);
    }
}
