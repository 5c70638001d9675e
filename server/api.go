package server

// apiRoutes registers the rendering service: /api/, /sopflow/ (Kroki),
// /healthz and /metrics.
func (s *Server) apiRoutes() {}
