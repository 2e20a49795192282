#!/bin/bash
# Fault injection at every point, at length (make stress): the checks of
# tests/cli/faults.sh with a crash_writer session of 60 changes (all
# eight kinds of change, several cycles) killed before each of its calls,
# again with the write it dies in torn in half, and with ENOSPC and EIO
# (once, and from then on) at each of its calls; then the figures for
# docs/RELIABILITY.md.  Takes a few minutes.
: "${srcdir:=.}"
export FAULTS_WRITER_N=${FAULTS_WRITER_N:-60} FAULTS_FULL=1 FAULTS_SUMMARY=1
exec bash "$srcdir/tests/cli/faults.sh"
