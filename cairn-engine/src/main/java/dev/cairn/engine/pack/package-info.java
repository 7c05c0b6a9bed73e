/**
 * Pack encoding (spec §Packs): many independently sealed blobs followed by a sealed header and its length. Blobs are sealed
 * one by one so a pack can be repacked without re-encryption and any blob can be fetched with one ranged read.
 */
package dev.cairn.engine.pack;
