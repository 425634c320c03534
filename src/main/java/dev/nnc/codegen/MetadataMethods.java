package dev.nnc.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Model;
import dev.nnc.ir.ParamTensor;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.nnc.codegen.ModelGenerator.LIST_OF_INTEGER;
import static dev.nnc.codegen.ModelGenerator.LIST_OF_STRING;
import static dev.nnc.codegen.ModelGenerator.PARAM_INFO;

/**
 * What the harness asks a generated class about its model, answered with constants: names,
 * sizes, shapes, the parameter tensors, each layer's output, and the training state a
 * checkpoint keeps (steps, the dropout RNG, the mode).
 */
final class MetadataMethods {
    private MetadataMethods() {}

    static void add(TypeSpec.Builder type, Model model, Ctx ctx, List<LayerEmitter> emitters) {
        type.addMethod(value("modelName", String.class, CodeBlock.of("$S", model.name())));
        if (!model.sourceHash().isEmpty()) type.addMethod(value("modelHash", String.class, CodeBlock.of("$S", model.sourceHash())));
        type.addMethod(value("architectureHash", String.class, CodeBlock.of("$S", model.architectureHash())));
        type.addMethod(value("sourceFile", String.class, CodeBlock.of("$S", model.sourceFile())));
        type.addMethod(value("precision", String.class, CodeBlock.of("$S", ctx.p.word())));
        type.addMethod(value("inputSize", int.class, CodeBlock.of("INPUT_SIZE")));
        type.addMethod(value("outputSize", int.class, CodeBlock.of("OUTPUT_SIZE")));
        type.addMethod(value("paramCount", int.class, CodeBlock.of("PARAM_COUNT")));
        type.addMethod(value("maxBatch", int.class, CodeBlock.of("maxBatch")));
        type.addMethod(value("classTargets", boolean.class, CodeBlock.of("$L", model.loss().map(Loss::classTargets).orElse(false))));
        if (model.loss().map(Loss::sumsOverBatch).orElse(false)) {
            type.addMethod(value("lossSumsOverBatch", boolean.class, CodeBlock.of("true")));
        }
        type.addMethod(value("trainable", boolean.class, CodeBlock.of("$L", model.trainable())));
        type.addMethod(value("optimizerStateSize", int.class, CodeBlock.of("state.length")));
        type.addMethod(value("inputShape", LIST_OF_INTEGER, CodeBlock.of("$T.of($L)", List.class,
                model.input().dims().stream().map(String::valueOf).collect(Collectors.joining(", ")))));
        type.addMethod(value("layerNames", LIST_OF_STRING, CodeBlock.of("$T.of($L)", List.class,
                model.layers().stream().map(l -> "\"" + l.name() + "\"").collect(Collectors.joining(", ")))));

        CodeBlock.Builder sizes = CodeBlock.builder().add("return switch (i) {\n").indent();
        CodeBlock.Builder outputs = CodeBlock.builder().add("return switch (i) {\n").indent();
        for (int i = 0; i < emitters.size(); i++) {
            sizes.add("case $L -> $L;\n", i, emitters.get(i).layer().out().size());
            outputs.add("case $L -> $N;\n", i, ctx.out(i));
        }
        String bad = "no layer ";
        sizes.add("default -> throw new IndexOutOfBoundsException($S + i);\n", bad).unindent().add("};\n");
        outputs.add("default -> throw new IndexOutOfBoundsException($S + i);\n", bad).unindent().add("};\n");
        type.addMethod(MethodSpec.methodBuilder("layerSize").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(int.class).addParameter(int.class, "i").addCode(sizes.build()).build());
        type.addMethod(MethodSpec.methodBuilder("layerOutput").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(ctx.p.array).addParameter(int.class, "i").addCode(outputs.build()).build());

        List<CodeBlock> infos = new ArrayList<>();
        for (ParamTensor t : model.params()) {
            infos.add(CodeBlock.of("new $T($S, $S, $L, $N, $T.of($L))", PARAM_INFO, t.name(), t.layer(), t.role() == ParamTensor.Role.WEIGHT,
                    ctx.offset(t), List.class, t.shape().dims().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        type.addMethod(value("parameters", ParameterizedTypeName.get(ClassName.get(List.class), PARAM_INFO),
                CodeBlock.builder().add("$T.of(", List.class).add(infos.isEmpty() ? CodeBlock.of("") : CodeBlock.builder()
                        .add("\n").indent().add(CodeBlock.join(infos, ",\n")).unindent().build()).add(")").build()));

        type.addMethod(value("stepCount", long.class, CodeBlock.of("steps")));
        type.addMethod(setter("setStepCount", long.class, "steps", "steps = value"));
        type.addMethod(value("rngState", long.class, CodeBlock.of("rng.state()")));
        type.addMethod(setter("setRngState", long.class, "state", "rng.setState(value)"));
        type.addMethod(value("isTraining", boolean.class, CodeBlock.of("training")));
        type.addMethod(setter("setTraining", boolean.class, "training", "training = value"));
        type.addMethod(setter("setInputGradient", boolean.class, "inputGradient", "inputGradient = value"));
        if (model.trainable()) {
            type.addMethod(MethodSpec.methodBuilder("forgetForward").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .addStatement("forwardN = $T.PREDICTED", Ctx.BATCH_CHECKS).build());
        }
    }

    private static MethodSpec value(String name, java.lang.reflect.Type type, CodeBlock value) {
        return value(name, TypeName.get(type), value);
    }

    private static MethodSpec value(String name, TypeName type, CodeBlock value) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(type).addStatement("return $L", value).build();
    }

    private static MethodSpec setter(String name, java.lang.reflect.Type type, String what, String statement) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(type, "value").addStatement(statement).build();
    }
}
