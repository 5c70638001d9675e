package server

import (
	"container/list"
	"sync"
)

// cache keeps the answers of recent requests, by the hash of everything an
// answer depends on (the route, the options, the SOP and its logo), up to
// a number of bytes, dropping the least recently used first. Every answer
// is a pure function of its request, so replicas need not share it and a
// restart loses nothing but time.
type cache struct {
	mu    sync.Mutex
	max   int64 // bytes of answers kept
	size  int64
	order *list.List // of *cacheEntry, the most recently used first
	byKey map[[32]byte]*list.Element
}

type cacheEntry struct {
	key [32]byte
	ans answer
}

func newCache(max int64) *cache {
	return &cache{max: max, order: list.New(), byKey: make(map[[32]byte]*list.Element)}
}

// get returns the answer kept for key. A nil cache keeps nothing.
func (c *cache) get(key [32]byte) (answer, bool) {
	if c == nil {
		return answer{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return answer{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).ans, true
}

// put keeps ans for key, unless it is larger than an eighth of the cache.
func (c *cache) put(key [32]byte, ans answer) {
	n := entrySize(ans)
	if c == nil || n > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, ans: ans})
	c.size += n
	for c.size > c.max {
		last := c.order.Back()
		ent := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.byKey, ent.key)
		c.size -= entrySize(ent.ans)
	}
}

// entrySize is what an entry costs, its bookkeeping counted roughly.
func entrySize(ans answer) int64 { return int64(len(ans.body)+len(ans.ctype)) + 128 }

// len returns the number of answers kept.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
