package dev.nnc.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * {@code --normalize MEAN,STD}: one value of two numbers, so that picocli treats the option as
 * single (its synopsis without "...", a second one refused as any repeated option is).
 */
record MeanStd(double mean, double std) {
    static MeanStd parse(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            throw new TypeConversionException("'" + value + "' is not two numbers MEAN,STD (such as 0.5,0.5)");
        }
        return new MeanStd(Main.decimal(parts[0]), Main.decimal(parts[1]));
    }

    double[] values() { return new double[] {mean, std}; }
}
