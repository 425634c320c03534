package dev.nnc.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IR as YAML or JSON. The records serialize by their components; three additions make
 * the dump readable: each layer says its {@code kind} first (the record type is not in the
 * data otherwise), an empty Optional is written as {@code null}, a present one as its value,
 * and an optimizer lists only the hyperparameters its rule uses (Adam has no momentum).
 */
final class IrWriter {
    private IrWriter() {}

    enum Format {
        YAML, JSON;

        @Override
        public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    static String write(Model model, Format format) {
        try {
            ObjectMapper mapper = mapper(format);
            // JSON in nnc's one layout (the diagnostics' too): "\n" on every platform, not the default printer's.
            return format == Format.JSON ? mapper.writer(dev.nnc.diag.Json.printer()).writeValueAsString(model) + "\n"
                    : mapper.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the IR of " + model.name(), e);
        }
    }

    private static ObjectMapper mapper(Format format) {
        ObjectMapper mapper = switch (format) {
            case YAML -> YAMLMapper.builder(YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .build())
                    .build();
            case JSON -> JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        };
        mapper.addMixIn(Layer.class, LayerKindFirst.class);
        mapper.registerModule(new SimpleModule("nnc-optionals")
                .addSerializer(new EnumSerializer())
                .addSerializer(new OptionalSerializer())
                .addSerializer(new OptionalIntSerializer())
                .addSerializer(new OptimizerSerializer())
                .addSerializer(new InitSerializer())
                .addSerializer(new ParamTensorSerializer()));
        return mapper;
    }

    @JsonPropertyOrder({"kind", "index", "name", "in", "out"})
    private interface LayerKindFirst {
        @JsonProperty("kind")
        String kind();
    }

    /**
     * Lower case, as the language spells them (relu, adam, he), in every locale: Jackson's WRITE_ENUMS_TO_LOWERCASE
     * uses the default one, and a Turkish locale printed `weıght` and `sıgmoıd`.
     */
    @SuppressWarnings("rawtypes")
    private static final class EnumSerializer extends StdSerializer<Enum> {
        EnumSerializer() { super(Enum.class); }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class OptionalSerializer extends StdSerializer<Optional> {
        OptionalSerializer() { super(Optional.class); }

        @Override
        public void serialize(Optional value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isPresent()) provider.defaultSerializeValue(value.get(), gen);
            else gen.writeNull();
        }
    }

    private static final class OptionalIntSerializer extends StdSerializer<OptionalInt> {
        OptionalIntSerializer() { super(OptionalInt.class); }

        @Override
        public void serialize(OptionalInt value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isPresent()) gen.writeNumber(value.getAsInt());
            else gen.writeNull();
        }
    }

    /** The optimizer's kind, lr, the hyperparameters of its rule, weight decay, L1 and source: not rho: 0.0 for Adam. */
    private static final class OptimizerSerializer extends StdSerializer<dev.nnc.ir.Optimizer> {
        private static final java.util.Map<String, String> IR_NAMES = java.util.Map.of("mu", "momentum", "weight_decay", "weightDecay");

        OptimizerSerializer() { super(dev.nnc.ir.Optimizer.class); }

        @Override
        public void serialize(dev.nnc.ir.Optimizer o, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            provider.defaultSerializeField("kind", o.kind(), gen); // lowercase, as the mapper writes enums
            // The IR's own field names: the record's (momentum for mu, weightDecay), not the language's.
            for (var h : o.hyperparameters().entrySet()) gen.writeNumberField(IR_NAMES.getOrDefault(h.getKey(), h.getKey()), h.getValue());
            provider.defaultSerializeField("source", o.source(), gen);
            gen.writeEndObject();
        }
    }

    /** An initializer's kind, and its scale only where it has one (normal, uniform): not {@code scale: 0.0} for he. */
    private static final class InitSerializer extends StdSerializer<dev.nnc.ir.Init> {
        InitSerializer() { super(dev.nnc.ir.Init.class); }

        @Override
        public void serialize(dev.nnc.ir.Init init, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            provider.defaultSerializeField("kind", init.kind(), gen);
            if (init.kind() == dev.nnc.ir.Init.Kind.NORMAL || init.kind() == dev.nnc.ir.Init.Kind.UNIFORM) gen.writeNumberField("scale", init.scale());
            gen.writeEndObject();
        }
    }

    /** A tensor's components, its {@code init} null where literal values give the tensor (nothing initializes it). */
    private static final class ParamTensorSerializer extends StdSerializer<dev.nnc.ir.ParamTensor> {
        ParamTensorSerializer() { super(dev.nnc.ir.ParamTensor.class); }

        @Override
        public void serialize(dev.nnc.ir.ParamTensor t, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("name", t.name());
            gen.writeStringField("layer", t.layer());
            provider.defaultSerializeField("role", t.role(), gen);
            provider.defaultSerializeField("shape", t.shape(), gen);
            gen.writeNumberField("offset", t.offset());
            gen.writeNumberField("fanIn", t.fanIn());
            gen.writeNumberField("fanOut", t.fanOut());
            provider.defaultSerializeField("init", t.values().isPresent() ? null : t.init(), gen);
            provider.defaultSerializeField("values", t.values(), gen);
            gen.writeEndObject();
        }
    }
}
