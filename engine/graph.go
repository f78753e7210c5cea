package engine

import (
	"strings"

	"github.com/indimaj/indimaj/engine/ydoc"
)

// graph is the dependency graph of a questionnaire's expressions. Nodes are
// section relevances, question relevances, question values (an answer counts
// only while its question is relevant) and calculations. It gives an
// evaluation order and, for each node, the nodes to re-evaluate when it
// changes, so one answer costs only what depends on it.
type graph struct {
	nS, nQ, nC int
	// order[node] is the node's rank in a topological order.
	order []int
	// topo lists the nodes in that order.
	topo []int
	// dependents[node] are the nodes that read it.
	dependents [][]int
}

func (g *graph) secRel(i int) int { return i }
func (g *graph) qRel(i int) int   { return g.nS + i }
func (g *graph) qVal(i int) int   { return g.nS + g.nQ + i }
func (g *graph) calc(i int) int   { return g.nS + 2*g.nQ + i }
func (g *graph) size() int        { return g.nS + 2*g.nQ + g.nC }

func (g *graph) kindIndex(n int) int {
	switch {
	case n < g.nS:
		return 0
	case n < g.nS+g.nQ:
		return 1
	case n < g.nS+2*g.nQ:
		return 2
	}
	return 3
}

// buildGraph builds the graph and reports dependency cycles, named after the
// questions and calculations involved (a -> b -> a).
func buildGraph(q *Questionnaire, errs *ydoc.Errors) *graph {
	g := &graph{nS: len(q.Sections), nQ: len(q.Questions), nC: len(q.Calcs)}
	calcIndex := map[string]int{}
	for i, c := range q.Calcs {
		calcIndex[c.ID] = i
	}
	deps := make([][]int, g.size())
	exprDeps := func(e *Expr) []int {
		if e == nil {
			return nil
		}
		var out []int
		for _, d := range e.Deps {
			if qu := q.byID[d]; qu != nil {
				out = append(out, g.qVal(qu.Index))
			} else if ci, ok := calcIndex[d]; ok {
				out = append(out, g.calc(ci))
			}
		}
		return out
	}
	for i, s := range q.Sections {
		deps[g.secRel(i)] = exprDeps(s.Relevant)
	}
	for i, qu := range q.Questions {
		deps[g.qRel(i)] = append(exprDeps(qu.Relevant), g.secRel(qu.Section.Index))
		deps[g.qVal(i)] = []int{g.qRel(i)}
		if qu.Scored {
			// A skipped indicator's score depends on whether the answers that
			// decided the skip are known (State.scoreOf), not only on its
			// relevance.
			for _, d := range questionDeps(q, qu.Relevant) {
				deps[g.qVal(i)] = append(deps[g.qVal(i)], g.qVal(d.Index))
			}
		}
	}
	for i, c := range q.Calcs {
		deps[g.calc(i)] = exprDeps(c.Expr)
	}
	g.dependents = make([][]int, g.size())
	for n, ds := range deps {
		for _, d := range ds {
			g.dependents[d] = append(g.dependents[d], n)
		}
	}

	// Depth-first topological sort with cycle reporting.
	state := make([]byte, g.size())
	var stack []int
	var cycle []int
	var visit func(n int) bool
	visit = func(n int) bool {
		switch state[n] {
		case 1:
			for i, s := range stack {
				if s == n {
					cycle = append(append([]int{}, stack[i:]...), n)
				}
			}
			return false
		case 2:
			return true
		}
		state[n] = 1
		stack = append(stack, n)
		for _, d := range deps[n] {
			if !visit(d) {
				return false
			}
		}
		stack = stack[:len(stack)-1]
		state[n] = 2
		g.topo = append(g.topo, n)
		return true
	}
	for n := 0; n < g.size(); n++ {
		if !visit(n) {
			reportCycle(q, g, cycle, errs)
			return nil
		}
	}
	g.order = make([]int, g.size())
	for rank, n := range g.topo {
		g.order[n] = rank
	}
	return g
}

func reportCycle(q *Questionnaire, g *graph, cycle []int, errs *ydoc.Errors) {
	// Name each step once: a question's relevance and value are one name.
	var names []string
	var where ydoc.Pos
	for _, n := range cycle {
		var name string
		var e *Expr
		switch g.kindIndex(n) {
		case 0:
			s := q.Sections[n]
			name, e = "section "+s.ID, s.Relevant
		case 1:
			qu := q.Questions[n-g.nS]
			name, e = qu.ID, qu.Relevant
		case 2:
			name = q.Questions[n-g.nS-g.nQ].ID
		case 3:
			c := q.Calcs[n-g.nS-2*g.nQ]
			name, e = c.ID, c.Expr
		}
		if e != nil && where.Line == 0 {
			where = e.Pos
		}
		if len(names) == 0 || names[len(names)-1] != name {
			names = append(names, name)
		}
	}
	if len(names) == 1 {
		names = append(names, names[0])
	}
	errs.Add(where, "dependency cycle between relevance and calculations: %s", strings.Join(names, " -> "))
}
