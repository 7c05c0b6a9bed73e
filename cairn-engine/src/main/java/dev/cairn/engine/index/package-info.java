/** Index files and the merged in-memory index (spec §Index). */
package dev.cairn.engine.index;
