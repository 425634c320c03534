/**
 * What every stage of nnc may use, and which uses no other package of nnc: files written
 * atomically, SHA-256, the reasons of I/O failures, nnc's version. The top-level package, the
 * pipeline's entry point, uses every stage; keeping these here keeps the stages from using it.
 */
package dev.nnc.common;
