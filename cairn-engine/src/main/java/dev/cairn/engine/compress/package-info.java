/** Per-blob compression by stable name. A blob whose compressed form is not smaller is stored uncompressed. */
package dev.cairn.engine.compress;
