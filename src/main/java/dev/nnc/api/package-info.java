/**
 * The small runtime API that generated model classes implement and depend on. It uses
 * nothing but the JDK, so a generated class can live in any program: call
 * {@code predict} directly, or hand the model to nnc's training harness.
 */
package dev.nnc.api;
