/** Snapshots, trees and nodes: the immutable record of what was backed up (spec §Snapshots, §Trees). */
package dev.cairn.engine.snapshot;
