/**
 * The bridge between Weft's context and OpenTelemetry's: a Weft trace started inside an
 * OpenTelemetry span joins its trace, and OpenTelemetry spans started inside a Weft span are its
 * children. See docs/opentelemetry.md.
 */
package dev.weft.instrumentation.opentelemetry.internal;
