/**
 * What an incremental export carries (docs/spec/export-format.md §7, ADR 30): from the change log after the previous
 * export's cut, the tables whose definition changed (written whole) and the records added, changed or deleted in the
 * others (their rows as of the cut, and the deleted ids). Server side: reads a workspace snapshot.
 */
package dev.cairn.export.delta;
