package com.example.app;

import com.example.models.Keep;
import com.example.models.Xor;

/** Uses two of the generated classes, so that the build compiles them with the project's code. */
public final class App {
    public static int outputs() {
        return new Keep().outputSize() + new Xor().outputSize();
    }
}
