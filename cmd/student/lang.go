package main

import "fmt"

// words are what the command writes in the lessons' language: the stub's
// comment where a solution gives no "// TODO:" text, and the summary it
// prints. (A small table of its own: the course's lang package is for the
// lessons' code, and this command only needs these few words.)
type words struct {
	notebooks, out string // the default folders
	todo           string
	exercises      func(n int) string
	summary        func(lessons, exercises int, out string) string
}

var languages = map[string]words{
	"en": {
		notebooks: "notebooks",
		out:       "student",
		todo:      "write your code here",
		exercises: func(n int) string { return plural(n, "exercise", "exercises", "exercises") },
		summary: func(lessons, exercises int, out string) string {
			return fmt.Sprintf("student's edition: %s, %s in %s",
				plural(lessons, "lesson", "lessons", "lessons"), plural(exercises, "exercise", "exercises", "exercises"), out)
		},
	},
	"pl": {
		notebooks: "notebooks/pl",
		out:       "student/pl",
		todo:      "tu napisz swój kod",
		exercises: func(n int) string { return plural(n, "zadanie", "zadania", "zadań") },
		summary: func(lessons, exercises int, out string) string {
			return fmt.Sprintf("wydanie dla studentów: %s, %s w %s",
				plural(lessons, "lekcja", "lekcje", "lekcji"), plural(exercises, "zadanie", "zadania", "zadań"), out)
		},
	},
}

// plural writes n and its noun in the form the number takes: one; few (in
// Polish 2–4, 22–24, … but not 12–14); many (the rest). English has no
// "few": it passes its plural for both.
func plural(n int, one, few, many string) string {
	switch {
	case n == 1:
		return fmt.Sprintf("%d %s", n, one)
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return fmt.Sprintf("%d %s", n, few)
	default:
		return fmt.Sprintf("%d %s", n, many)
	}
}
