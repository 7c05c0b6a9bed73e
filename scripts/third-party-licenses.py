#!/usr/bin/env python3
"""Prints the bundled third-party artifacts of cairn.jar with their licences, for NOTICE.

Reads cairn-dist/target/bundled-artifacts.txt (written by the cairn-dist build: ./mvnw -pl cairn-dist -am package) and
each artifact's POM in the local Maven repository (~/.m2), following parent POMs for inherited <licenses>. Prints one
Markdown table row per artifact; NOTICE holds the table under its hand-written header. DistributionTest checks that
NOTICE names every bundled artifact, so a new dependency fails the build until NOTICE is brought up to date.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

M2 = os.path.expanduser("~/.m2/repository")
NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def child(element, name):
    found = element.find("m:" + name, NS)
    return found if found is not None else element.find(name)


def licences(group, artifact, version, depth=0):
    pom = os.path.join(M2, *group.split("."), artifact, version, f"{artifact}-{version}.pom")
    if depth > 8 or not os.path.exists(pom):
        return []
    root = ET.parse(pom).getroot()
    found = root.findall("m:licenses/m:license", NS) or root.findall("licenses/license")
    if found:
        return [child(l, "name").text.strip() for l in found if child(l, "name") is not None]
    parent = child(root, "parent")
    if parent is None:
        return []
    return licences(child(parent, "groupId").text, child(parent, "artifactId").text, child(parent, "version").text,
                    depth + 1)


def main():
    listing = sys.argv[1] if len(sys.argv) > 1 else "cairn-dist/target/bundled-artifacts.txt"
    print("| artifact | version | licence(s) |")
    print("|---|---|---|")
    for line in open(listing):
        m = re.match(r"\s+([^:\s]+):([^:\s]+):[^:\s]+:(?:[^:\s]+:)?([^:\s]+)", line)
        if not m:
            continue
        group, artifact, version = m.groups()
        names = licences(group, artifact, version) or ["see the project (no licence in its POM)"]
        print(f"| {group}:{artifact} | {version} | {'; '.join(names)} |")


if __name__ == "__main__":
    main()
