// Package book binds many SOPs into one print-ready PDF: the SOP manual of
// a unit, or the appendix (lampiran) of the decree that enacts them.
//
// A book is a cover, an optional decree page, the table of contents
// (daftar isi) with links, then each SOP's pages as package table lays
// them out (and, optionally, its BPMN view), every page carrying the
// book's page number. The PDF has an outline with one entry per SOP.
//
// Write lays the SOPs out in parallel and adds their pages to the PDF in
// order as they come, so that memory holds the pages in flight and the
// PDF's content, not every Diagram of the book.
package book
