package main

// words are the handouts' own words — the page chrome around the lessons —
// in one language of the course.
type words struct {
	lang          string // the page's lang attribute
	course        string // the course's title
	intro         string // the index's first paragraph
	readingNote   string // the index's note on the reading edition
	allLink       string // the index's sentence before the link to all.html
	allLinkText   string
	allTitle      string // all.html's title, after the course's
	formulaTitle  string // the formula sheet's title
	formulaIntro  string
	formulaHead   [2]string // the formula sheet's columns
	formulaLesson string    // "Lesson %d" for a lesson with no page
	credit        string    // HTML: the 3Blue1Brown credit
	index         string    // the link to the index
	previous      string    // before the previous lesson's title
	next          string    // before the next lesson's title
	navTop        string    // the name of the navigation at the top of a page
	navBottom     string    // and at its bottom
	lessonsLabel  string    // the name of the index's list
}

var english = words{
	lang:   "en",
	course: "How a neural network learns",
	intro: "A deep-learning course in Go notebooks: the neuron, layers, activation functions, the cost, " +
		"gradient descent, backpropagation, and a digit recogniser trained on real MNIST.",
	readingNote:   "This is the reading edition: the lessons' prose, formulas, outputs and charts, without the code; the exercises are problems for pencil and paper.",
	allLink:       "To print the whole course, each lesson starting on a new page:",
	allLinkText:   "all lessons in one page",
	allTitle:      "all lessons",
	formulaTitle:  "Formula sheet",
	formulaIntro:  "Every formula of the course in the slides' notation, with the lesson it comes from and the Go that computes it.",
	formulaHead:   [2]string{"Formula", "What it is, and the Go that computes it"},
	formulaLesson: "Lesson %d",
	credit: `Pictures and examples after Grant Sanderson's 3Blue1Brown series ` +
		`<a href="https://www.3blue1brown.com/topics/neural-networks">“Neural networks”</a>.`,
	index:        "All lessons",
	previous:     "Previous:",
	next:         "Next:",
	navTop:       "Lessons",
	navBottom:    "Lessons, at the end of the page",
	lessonsLabel: "Lessons",
}

var polish = words{
	lang:   "pl",
	course: "Jak uczy się sieć neuronowa",
	intro: "Kurs uczenia głębokiego w notatnikach Go: neuron, warstwy, funkcje aktywacji, funkcja kosztu, " +
		"metoda spadku gradientu, propagacja wsteczna i sieć rozpoznająca cyfry, wytrenowana na prawdziwym zbiorze MNIST.",
	readingNote:   "To jest wydanie do czytania: tekst lekcji, wzory, wyniki i wykresy, bez kodu; zadania są tu do rozwiązania na kartce.",
	allLink:       "Aby wydrukować cały kurs, każdą lekcję od nowej strony:",
	allLinkText:   "wszystkie lekcje na jednej stronie",
	allTitle:      "wszystkie lekcje",
	formulaTitle:  "Zestawienie wzorów",
	formulaIntro:  "Wszystkie wzory kursu w notacji ze slajdów, z lekcją, z której pochodzą, i kodem Go, który je oblicza.",
	formulaHead:   [2]string{"Wzór", "Znaczenie i kod w Go"},
	formulaLesson: "Lekcja %d",
	credit: `Rysunki i przykłady według serii <span lang="en">„Neural networks”</span> ` +
		`Granta Sandersona (<a href="https://www.3blue1brown.com/topics/neural-networks">3Blue1Brown</a>).`,
	index:        "Spis lekcji",
	previous:     "Poprzednia:",
	next:         "Następna:",
	navTop:       "Lekcje",
	navBottom:    "Lekcje, na końcu strony",
	lessonsLabel: "Lekcje",
}

// languages are the languages of the handouts, by -lang.
var languages = map[string]*words{"en": &english, "pl": &polish}
