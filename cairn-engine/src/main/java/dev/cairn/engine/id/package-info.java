/** Shared vocabulary of the engine: blob ids and blob types. Depends on nothing else in the engine. */
package dev.cairn.engine.id;
