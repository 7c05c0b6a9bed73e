/** {@code copy}: snapshots from one repository into another, re-encrypting only what the destination lacks. */
package dev.cairn.engine.copy;
