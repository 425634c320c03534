package dev.nnc.check;

import java.util.List;
import java.util.Optional;

/**
 * The arguments one construct accepts. {@code sizes} marks dense and conv2d, whose first
 * positional argument may be {@code in -> out} as well as just {@code out}.
 */
record Signature(String name, List<Param> params, boolean sizes) {
    Signature {
        params = List.copyOf(params);
    }

    static Signature of(String name, Param... params) {
        return new Signature(name, List.of(params), false);
    }

    static Signature withSizes(String name, Param... params) {
        return new Signature(name, List.of(params), true);
    }

    Optional<Param> named(String n) {
        return params.stream().filter(p -> p.name().equals(n)).findFirst();
    }

    Optional<Param> at(int position) {
        return params.stream().filter(p -> p.position() == position).findFirst();
    }

    long positionalCount() {
        return params.stream().filter(p -> p.position() >= 0).count();
    }

    List<String> names() {
        return params.stream().map(Param::name).toList();
    }
}
