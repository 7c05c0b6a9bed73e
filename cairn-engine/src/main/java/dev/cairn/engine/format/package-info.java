/**
 * The byte-level framing shared by every stored object (see docs/spec/repository-format.md): the JSON mapping, sealed
 * unpacked objects, sealed blobs, and the repository config. Every codec here links to its spec section.
 */
package dev.cairn.engine.format;
