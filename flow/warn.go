package flow

// Warnings returns the problems of p that do not stop it from being drawn
// but are likely mistakes: an actor that carries out no step (its column
// stays empty). Each is an Error at the actor's position whose message
// starts with "warning: ". The lint checks may add more.
func (p *Procedure) Warnings() ErrorList {
	if p == nil {
		return nil
	}
	used := make([]bool, len(p.Actors))
	for _, s := range p.Steps {
		if s == nil {
			continue
		}
		for _, a := range s.Actors {
			if a >= 0 && a < len(used) {
				used[a] = true
			}
		}
	}
	var l ErrorList
	for i, a := range p.Actors {
		if !used[i] {
			pos := a.Pos
			if pos.File == "" {
				pos.File = p.File
			}
			l.Add(pos, "warning: actor %q carries out no step; its column stays empty (remove it, or give it a step)", a.Name)
		}
	}
	return l
}
