/** Small concurrency helpers shared by the backup and restore pipelines; no dependency on the rest of the engine. */
package dev.cairn.engine.concurrent;
