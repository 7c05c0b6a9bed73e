package dev.cairn.engine.repair;

/**
 * One place a snapshot repair changed, in the snapshot's path terms ({@code /home/a/x.txt}).
 *
 * @param missingBlobs how many data blobs (for {@link Kind#FILE_SHORTENED}) or nodes of a lost part (for
 *                     {@link Kind#PART_DROPPED}) were lost; 0 otherwise
 * @param keptBytes    for {@link Kind#FILE_SHORTENED}: the bytes of the file that are still readable
 */
public record Damage(Kind kind, String path, long missingBlobs, long keptBytes) {
    /** What the repair did at {@link #path}. */
    public enum Kind {
        /** a file lost data blobs: the rest is kept, in order, and its size is what remains */
        FILE_SHORTENED,
        /** a directory's tree could not be read: it is now empty */
        DIR_EMPTIED,
        /** a part of a split directory listing could not be read: its entries are gone */
        PART_DROPPED,
        /** the snapshot's root tree could not be read: nothing is left to keep */
        ROOT_UNREADABLE
    }
}
