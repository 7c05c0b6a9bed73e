/**
 * The customer's side of the onsite copy (issue 15): pulling a server's encrypted exports onto this machine (resumed
 * downloads, the pinned signing key, every checksum checked before anything is kept, decrypted into one dated directory
 * per export) and checking a copy offline. No terminal output: the commands in {@code cli} print what it reports.
 */
package dev.cairn.agent.export;
