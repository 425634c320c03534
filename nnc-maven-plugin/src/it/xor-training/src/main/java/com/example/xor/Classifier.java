package com.example.xor;

import com.example.xor.nn.Xor;

/** The project's own code, compiled with the generated class: which corner a point is near. */
public final class Classifier {
    private final Xor net = new Xor();

    public Xor network() { return net; }

    public boolean differ(float x, float y) {
        return net.predictClass(new float[] {x, y}) == 1;
    }
}
