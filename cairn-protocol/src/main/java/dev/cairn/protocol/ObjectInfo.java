package dev.cairn.protocol;

/** One stored object in a listing: its id and size in bytes (the restic REST v2 listing entry). */
public record ObjectInfo(String name, long size) {
}
