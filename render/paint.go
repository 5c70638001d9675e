package render

// painter is what a writer draws a page with. drawPage walks a page for
// every writer in one order: images, table rules, symbols, flow lines with
// their arrowheads, texts. So SVG, PNG and PDF draw the same things, each
// in its own way.
type painter interface {
	image(i int, im *Image) error
	rule(i int, r *Rule) error
	// shape draws a symbol: outline filled white, then stroked.
	shape(i int, s *Shape, outline Path) error
	// flow draws a flow line: line is its outline with the hops where it
	// crosses another (hopped tells whether there are any), head its
	// arrowhead or nil.
	flow(i int, c *Connector, line Path, hopped bool, head Path) error
	text(i int, t *Text) error
}

// drawPage walks p, calling pt for each thing it holds. The first error
// stops the walk; it names what failed.
func drawPage(p *Page, pt painter) error {
	for i := range p.Images {
		if err := pt.image(i, &p.Images[i]); err != nil {
			return err
		}
	}
	for i := range p.Rules {
		if err := pt.rule(i, &p.Rules[i]); err != nil {
			return err
		}
	}
	for i := range p.Shapes {
		if err := pt.shape(i, &p.Shapes[i], Outline(p.Shapes[i])); err != nil {
			return err
		}
	}
	hops := connectorHops(p.Connectors)
	for i := range p.Connectors {
		c := &p.Connectors[i]
		var hs []hop
		if hops != nil {
			hs = hops[i]
		}
		if err := pt.flow(i, c, hoppedLine(LinePoints(*c), hs), len(hs) > 0, ArrowHead(*c)); err != nil {
			return err
		}
	}
	for i := range p.Texts {
		if err := pt.text(i, &p.Texts[i]); err != nil {
			return err
		}
	}
	return nil
}
