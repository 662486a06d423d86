// Command nnlesson-admin does the parts of `install.sh --system` and
// `install.sh --enrol` that are best done in Go. install.sh builds it into
// PREFIX/bin; an admin does not need to call it by hand.
//
//	nnlesson-admin publish -course DIR -out DIR
//	    the students' copy of the course: the Go packages the lessons import
//	    (source only) and the student's edition of the lessons, never the
//	    teacher's notebooks
//	nnlesson-admin seed -prefix DIR [-lessons "01 05 08"]
//	    executes lessons of the teacher's edition headless, with the build
//	    cache and the trained-network cache pointed at PREFIX/seed, and
//	    keeps both there, read-only, as the seeds of every student's caches
//	nnlesson-admin enrol -prefix DIR USER...
//	    gives each student their own copy of the student's edition in
//	    ~/nnlesson/lessons, links to the course's packages, seeded caches,
//	    and a home folder only they can read; a second run changes nothing
//	    and never touches a lesson the student already has
//
// Everything that enrol writes into a student's home goes through an
// os.Root opened on that home, so that a symbolic link a student planted
// cannot lead root's writes out of it.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "publish":
		err = publishCmd(os.Args[2:])
	case "seed":
		err = seedCmd(os.Args[2:])
	case "enrol":
		err = enrolCmd(os.Args[2:])
	case "prewarm":
		err = prewarmCmd(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "nnlesson-admin %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  nnlesson-admin publish -course DIR -out DIR
  nnlesson-admin seed -prefix DIR [-lessons "01 05 08"]
  nnlesson-admin enrol -prefix DIR USER...
(install.sh --system and --enrol call these; see classroom/README.md)
`)
	os.Exit(2)
}
