package dev.cairn.blob;

/**
 * The request types of a {@link BlobStore}, as seen by decorators that count, meter or inject faults per operation.
 * {@link BlobStore#exists} is a {@link #STAT}; ranged and whole reads are both {@link #GET}.
 */
public enum BlobOp {
    PUT, GET, STAT, LIST, DELETE
}
