package main

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// A formula is one line of the formula sheet: a formula of the course in
// the slides' notation (TeX, typeset when the handouts are built), what it
// is in each language, the lesson it comes from, and the Go that computes
// it. Go names every exported name it uses in go, as package.Name or
// package.Type.Name, so that a test can check they exist.
type formula struct {
	lesson int
	tex    string
	en, pl string
	goCode string   // how a lesson calls it, or "" where no Go computes it
	names  []string // the exported names goCode uses
}

// formulas are the course's formulas, in lesson order. The notation is the
// slides' (and nnlesson's doc): layer L, layer 0 the input; k numbers the
// neurons of layer L, j those of layer L−1; w_kj^(L) joins them.
var formulas = []formula{
	{1, `\text{parameters} = \sum_{L=1}^{m} \left( n_L \, n_{L-1} + n_L \right)`,
		"the number of weights and biases of a network whose layers have $n_0, n_1, \\dots, n_m$ neurons",
		"liczba wag i biasów sieci, której warstwy mają $n_0, n_1, \\dots, n_m$ neuronów",
		"net.NumParams()", []string{"nnlesson.Network.NumParams"}},
	{1, `\text{answer} = \arg\max_k \, a_k^{(m)}`,
		"the network's answer: the digit whose output neuron is most active",
		"odpowiedź sieci: cyfra, której neuron wyjściowy ma największą aktywację",
		"net.Predict(x), nnlesson.Answer(outputs)", []string{"nnlesson.Network.Predict", "nnlesson.Answer"}},
	{2, `z = \sum_{i=1}^{n} w_i a_i + b`,
		"the weighted sum of a neuron: weights $w_i$, activations $a_i$ of the previous layer, bias $b$",
		"suma ważona neuronu: wagi $w_i$, aktywacje $a_i$ poprzedniej warstwy, bias $b$",
		"nnlesson.WeightedSum(w, a, b)", []string{"nnlesson.WeightedSum", "nnlesson.Neuron.Z"}},
	{2, `\sigma(z) = \frac{1}{1 + e^{-z}}`,
		"the sigmoid: squeezes any $z$ into $(0, 1)$",
		"sigmoida: sprowadza dowolne $z$ do przedziału $(0, 1)$",
		"nnlesson.Sigmoid(z)", []string{"nnlesson.Sigmoid"}},
	{2, `a = \sigma(z)`,
		"the neuron's activation",
		"aktywacja neuronu",
		"nnlesson.Neuron{W: w, B: b, F: f}.Output(a)", []string{"nnlesson.Neuron.Output"}},
	{2, `x = -\frac{b}{w}`,
		"where a neuron with one input, $\\sigma(w x + b)$, switches on (its activation is ½)",
		"punkt, w którym włącza się neuron o jednym wejściu, $\\sigma(w x + b)$ (jego aktywacja wynosi wtedy ½)",
		"", nil},
	{3, `a^{(L)} = f\!\left(W^{(L)} a^{(L-1)} + b^{(L)}\right)`,
		"a whole layer in matrix form: $z^{(L)} = W^{(L)} a^{(L-1)} + b^{(L)}$, then the activation function $f$",
		"cała warstwa w postaci macierzowej: $z^{(L)} = W^{(L)} a^{(L-1)} + b^{(L)}$, potem funkcja aktywacji $f$",
		"nnlesson.Layer(W, aPrev, b, f)", []string{"nnlesson.Layer"}},
	{3, `w_{kj}^{(L)}`,
		"the weight from neuron $j$ of layer $L-1$ to neuron $k$ of layer $L$; $W^{(L)}$ has $n_L$ rows and $n_{L-1}$ columns",
		"waga połączenia neuronu $j$ warstwy $L-1$ z neuronem $k$ warstwy $L$; $W^{(L)}$ ma $n_L$ wierszy i $n_{L-1}$ kolumn",
		"net.W(L).At(k, j), net.B(L).AtVec(k)", []string{"nnlesson.Network.W", "nnlesson.Network.B"}},
	{3, `\begin{aligned} a^{(0)} &= x \\ a^{(L)} &= f\!\left(W^{(L)} a^{(L-1)} + b^{(L)}\right), \quad L = 1, \dots, m \end{aligned}`,
		"the network's answer to an input $x$: layer after layer",
		"odpowiedź sieci na wejście $x$: warstwa po warstwie",
		"net.FeedForward(x)", []string{"nnlesson.Network.FeedForward", "nnlesson.Network.FeedForwardTrace"}},
	{4, `\operatorname{ReLU}(z) = \max(0, z)`,
		"ReLU, the rectified linear unit",
		"funkcja ReLU",
		"nnlesson.ReLU(z)", []string{"nnlesson.ReLU"}},
	{4, `\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)`,
		"the derivative of the sigmoid",
		"pochodna sigmoidy",
		"nnlesson.SigmoidPrime(z)", []string{"nnlesson.SigmoidPrime"}},
	{4, `\operatorname{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}`,
		"the derivative of ReLU (0 at the corner, by convention)",
		"pochodna ReLU (w punkcie załamania umownie 0)",
		"nnlesson.ReLUPrime(z)", []string{"nnlesson.ReLUPrime"}},
	{5, `C = \sum_{i=0}^{n-1} \left(a_i - y_i\right)^2`,
		"the cost of one example: outputs $a_i$, wanted outputs $y_i$",
		"koszt jednego przykładu: wyjścia $a_i$, oczekiwane wyjścia $y_i$",
		"nnlesson.Cost(a, y)", []string{"nnlesson.Cost", "nnlesson.OutputCost"}},
	{5, `y_j = \begin{cases} 1 & j = \text{digit} \\ 0 & \text{otherwise} \end{cases}`,
		"the wanted outputs for a picture of a digit",
		"oczekiwane wyjścia dla obrazu cyfry",
		"nnlesson.OneHot(digit, 10)", []string{"nnlesson.OneHot"}},
	{5, `\overline{C} = \frac{1}{N} \sum_{k=1}^{N} C_k`,
		"the mean cost over $N$ examples",
		"średni koszt dla $N$ przykładów",
		"training.MeanCost(net, data)", []string{"training.MeanCost"}},
	{6, `f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}`,
		"the derivative: the slope of $f$ at $x$",
		"pochodna: nachylenie $f$ w punkcie $x$",
		"", nil},
	{6, `x \leftarrow x - \eta\, f'(x)`,
		"one step of gradient descent, learning rate $\\eta$",
		"jeden krok metody spadku gradientu ze współczynnikiem uczenia $\\eta$",
		"nnlesson.Minimize(fPrime, x0, settings)", []string{"nnlesson.Minimize", "nnlesson.DescentSettings"}},
	{7, `\nabla C = \left(\frac{\partial C}{\partial w_0}, \frac{\partial C}{\partial w_1}, \dots\right)`,
		"the gradient: the partial derivatives of the cost with respect to every weight and bias",
		"gradient: pochodne cząstkowe kosztu względem każdej wagi i każdego biasu",
		"net.Backprop(x, y)", []string{"nnlesson.Network.Backprop", "nnlesson.Gradient"}},
	{7, `w_i \leftarrow w_i - \eta \frac{\partial C}{\partial w_i}`,
		"a step of gradient descent on every weight and bias",
		"krok metody spadku gradientu dla każdej wagi i każdego biasu",
		"net.Step(g, eta)", []string{"nnlesson.Network.Step"}},
	{7, `\frac{\partial C}{\partial w^{(L)}} = \frac{\partial z^{(L)}}{\partial w^{(L)}} \, \frac{\partial a^{(L)}}{\partial z^{(L)}} \, \frac{\partial C}{\partial a^{(L)}}`,
		"the chain rule, one neuron per layer",
		"reguła łańcuchowa dla sieci z jednym neuronem w każdej warstwie",
		"net.Chain(x, y)", []string{"nnlesson.Network.Chain", "nnlesson.ChainFactors.DCdW"}},
	{7, `\frac{\partial z^{(L)}}{\partial w^{(L)}} = a^{(L-1)}`,
		"first factor of the chain rule",
		"pierwszy czynnik reguły łańcuchowej",
		"ChainFactors.DZdW", []string{"nnlesson.ChainFactors.DZdW"}},
	{7, `\frac{\partial a^{(L)}}{\partial z^{(L)}} = f'\!\left(z^{(L)}\right)`,
		"second factor of the chain rule",
		"drugi czynnik reguły łańcuchowej",
		"ChainFactors.DAdZ", []string{"nnlesson.ChainFactors.DAdZ"}},
	{7, `\frac{\partial C}{\partial a^{(L)}} = 2\left(a^{(L)} - y\right)`,
		"third factor of the chain rule, at the output layer",
		"trzeci czynnik reguły łańcuchowej, w warstwie wyjściowej",
		"nnlesson.CostPrime(a, y), ChainFactors.DCdA", []string{"nnlesson.CostPrime", "nnlesson.ChainFactors.DCdA"}},
	{7, `\frac{\partial C}{\partial b^{(L)}} = f'\!\left(z^{(L)}\right) \frac{\partial C}{\partial a^{(L)}}`,
		"the derivative with respect to the bias",
		"pochodna względem biasu",
		"ChainFactors.DCdB", []string{"nnlesson.ChainFactors.DCdB"}},
	{7, `\frac{\partial C}{\partial a^{(L-1)}} = w^{(L)} \, f'\!\left(z^{(L)}\right) \frac{\partial C}{\partial a^{(L)}}`,
		"the derivative with respect to the previous layer's activation: the chain goes on from there",
		"pochodna względem aktywacji poprzedniej warstwy: od niej łańcuch biegnie dalej",
		"ChainFactors.DCdAPrev", []string{"nnlesson.ChainFactors.DCdAPrev"}},
	{7, `\frac{\partial C}{\partial z^{(L)}} = f'\!\left(z^{(L)}\right) \odot \frac{\partial C}{\partial a^{(L)}}`,
		"(1) a layer's backpropagation step in matrix form: $\\odot$ multiplies element by element",
		"(1) krok propagacji wstecznej dla warstwy w postaci macierzowej: $\\odot$ to mnożenie element po elemencie",
		"net.Backprop(x, y)", []string{"nnlesson.Network.Backprop"}},
	{7, `\begin{aligned} \frac{\partial C}{\partial W^{(L)}} &= \frac{\partial C}{\partial z^{(L)}} \left(a^{(L-1)}\right)^{\mathsf{T}} \\ \frac{\partial C}{\partial b^{(L)}} &= \frac{\partial C}{\partial z^{(L)}} \end{aligned}`,
		"(2) the derivatives with respect to the layer's weights and biases",
		"(2) pochodne względem wag i biasów warstwy",
		"g.W(L), g.B(L)", []string{"nnlesson.Gradient.W", "nnlesson.Gradient.B"}},
	{7, `\frac{\partial C}{\partial a^{(L-1)}} = \left(W^{(L)}\right)^{\mathsf{T}} \frac{\partial C}{\partial z^{(L)}}`,
		"(3) the derivative passed on to the layer before",
		"(3) pochodna przekazywana do poprzedniej warstwy",
		"net.Backprop(x, y)", []string{"nnlesson.Network.Backprop"}},
	{7, `\frac{\partial C}{\partial w} \approx \frac{C(w + h) - C(w - h)}{2h}`,
		"the numerical check of backpropagation (central differences)",
		"numeryczne sprawdzenie propagacji wstecznej (różnice centralne)",
		"nnlesson.NumericalGradient(net, x, y)", []string{"nnlesson.NumericalGradient"}},
	{7, `\text{error} = \frac{\max_i \left\vert g_i - h_i\right\vert}{\max_i \max\left(\vert g_i\vert, \vert h_i\vert\right)}`,
		"how far two gradients are apart",
		"jak bardzo różnią się dwa gradienty",
		"nnlesson.MaxRelativeError(g, h)", []string{"nnlesson.MaxRelativeError"}},
	{8, `\begin{aligned} w &\leftarrow w - \frac{\eta}{m} \sum_{x \in \text{mini-batch}} \frac{\partial C_x}{\partial w} \\ b &\leftarrow b - \frac{\eta}{m} \sum_{x \in \text{mini-batch}} \frac{\partial C_x}{\partial b} \end{aligned}`,
		"a step of stochastic gradient descent on a mini-batch of $m$ examples",
		"krok stochastycznego spadku gradientu na minipaczce $m$ przykładów",
		"nnlesson.AverageGradient(gs), net.Step(g, eta); training.Train", []string{"nnlesson.AverageGradient", "nnlesson.Network.Step", "training.Train"}},
	{8, `\text{accuracy} = \frac{\text{test images recognised}}{\text{all test images}}`,
		"the accuracy of a network on the test set",
		"dokładność sieci na zbiorze testowym",
		"training.Accuracy(net, test)", []string{"training.Accuracy"}},
}

// polishTeX gives the formulas that have words in them with Polish words.
var polishTeX = map[string]string{
	`\text{parameters} = \sum_{L=1}^{m} \left( n_L \, n_{L-1} + n_L \right)`:                                               `\text{parametry} = \sum_{L=1}^{m} \left( n_L \, n_{L-1} + n_L \right)`,
	`\text{answer} = \arg\max_k \, a_k^{(m)}`:                                                                              `\text{odpowiedź} = \arg\max_k \, a_k^{(m)}`,
	`y_j = \begin{cases} 1 & j = \text{digit} \\ 0 & \text{otherwise} \end{cases}`:                                         `y_j = \begin{cases} 1 & j = \text{cyfra} \\ 0 & \text{poza tym} \end{cases}`,
	`\text{error} = \frac{\max_i \left\vert g_i - h_i\right\vert}{\max_i \max\left(\vert g_i\vert, \vert h_i\vert\right)}`: `\text{błąd} = \frac{\max_i \left\vert g_i - h_i\right\vert}{\max_i \max\left(\vert g_i\vert, \vert h_i\vert\right)}`,
	`\begin{aligned} w &\leftarrow w - \frac{\eta}{m} \sum_{x \in \text{mini-batch}} \frac{\partial C_x}{\partial w} \\ b &\leftarrow b - \frac{\eta}{m} \sum_{x \in \text{mini-batch}} \frac{\partial C_x}{\partial b} \end{aligned}`: `\begin{aligned} w &\leftarrow w - \frac{\eta}{m} \sum_{x \in \text{minipaczka}} \frac{\partial C_x}{\partial w} \\ b &\leftarrow b - \frac{\eta}{m} \sum_{x \in \text{minipaczka}} \frac{\partial C_x}{\partial b} \end{aligned}`,
	`\text{accuracy} = \frac{\text{test images recognised}}{\text{all test images}}`: `\text{dokładność} = \frac{\text{rozpoznane obrazy testowe}}{\text{wszystkie obrazy testowe}}`,
}

// formulaSheet returns the formula sheet as HTML in the language of w: its
// title, then a table per lesson, headed by the lesson's title (titles[n],
// inline HTML, or "Lesson n" where there is none). Formulas stay TeX for
// the typesetter.
func formulaSheet(w *words, titles map[int]string) []string {
	var cells []string
	var b strings.Builder
	if err := sheetTemplate.Execute(&b, map[string]string{"Title": w.formulaTitle, "Intro": w.formulaIntro}); err != nil {
		panic(err) // the template and its data are the program's own
	}
	cells = append(cells, b.String())
	for i := 0; i < len(formulas); {
		n := formulas[i].lesson
		title := template.HTML(titles[n])
		if title == "" {
			title = template.HTML(html.EscapeString(fmt.Sprintf(w.formulaLesson, n)))
		}
		var rows []sheetRow
		for ; i < len(formulas) && formulas[i].lesson == n; i++ {
			f := formulas[i]
			r := sheetRow{TeX: `$\displaystyle ` + f.tex + `$`, What: f.en, Code: f.goCode}
			if w.lang == "pl" {
				r.What = f.pl
				if tex, ok := polishTeX[f.tex]; ok {
					r.TeX = `$\displaystyle ` + tex + `$`
				}
			}
			rows = append(rows, r)
		}
		b.Reset()
		if err := lessonTemplate.Execute(&b, map[string]any{"Title": title, "Head": w.formulaHead, "Rows": rows}); err != nil {
			panic(err)
		}
		cells = append(cells, b.String())
	}
	return cells
}

type sheetRow struct{ TeX, What, Code string }

var (
	sheetTemplate = template.Must(template.New("sheet").Parse(
		`<h1>{{.Title}}</h1>` + "\n" + `<p>{{.Intro}}</p>` + "\n"))
	lessonTemplate = template.Must(template.New("lesson").Parse(`<h2>{{.Title}}</h2>
<table class="nnlesson-formulas">
<thead><tr>{{range .Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.TeX}}</td><td>{{.What}}{{if .Code}}<br><code>{{.Code}}</code>{{end}}</td></tr>
{{end}}</tbody>
</table>
`))
)
