;; The kernels gradstream runs in WebAssembly, on float32 storage copied into
;; the imported memory (arguments are byte offsets into it). Each computes
;; exactly what its TypeScript counterpart computes: f32 add and mul round as
;; Math.fround does, and every sum runs in order from +0.
(module
  (import "env" "memory" (memory 1))

  ;; dst[o] = the sequential float32 sum of the o-th block of size floats at src.
  (func (export "sumBlocks") (param $src i32) (param $dst i32) (param $blocks i32) (param $size i32)
    (local $o i32) (local $end i32) (local $acc f32)
    (block $blocksDone
      (loop $block
        (br_if $blocksDone (i32.ge_u (local.get $o) (local.get $blocks)))
        (local.set $acc (f32.const 0))
        (local.set $end (i32.add (local.get $src) (i32.shl (local.get $size) (i32.const 2))))
        (block $sumDone
          (loop $sum
            (br_if $sumDone (i32.ge_u (local.get $src) (local.get $end)))
            (local.set $acc (f32.add (local.get $acc) (f32.load (local.get $src))))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (br $sum)))
        (f32.store (local.get $dst) (local.get $acc))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $block))))

  ;; matMul: out = a times b, a m x k and out m x n row-major, each output
  ;; the sequential sum over p of a[i, p] * b[p, j] (one f32x4 lane each).
  ;; Several rows of a go through a panel at once, so that independent sums
  ;; keep the adder busy when n is small: two for 16-column panels, four for
  ;; 4-column panels and single columns.
  ;; b, k x n row-major, is first rearranged by packPanels.

  ;; b (k x n, row-major at $src) rearranged at $dst into column panels, each
  ;; the k rows of its columns one after another: 16-column panels, then
  ;; 4-column panels, then single columns. matMul reads a panel front to back,
  ;; so b streams through the cache instead of being read down its columns.
  (func (export "packPanels") (param $src i32) (param $dst i32) (param $k i32) (param $n i32)
    (local $j i32) (local $p i32) (local $from i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (block $wideDone
      (loop $wide
        (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
        (local.set $from (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p (i32.const 0))
        (block $kDone
          (loop $rows
            (br_if $kDone (i32.ge_u (local.get $p) (local.get $k)))
            (v128.store (local.get $dst) (v128.load (local.get $from)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $from)))
            (v128.store offset=32 (local.get $dst) (v128.load offset=32 (local.get $from)))
            (v128.store offset=48 (local.get $dst) (v128.load offset=48 (local.get $from)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (local.set $from (i32.add (local.get $from) (local.get $rowBytes)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $wide)))
    (block $narrowDone
      (loop $narrow
        (br_if $narrowDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $from (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p (i32.const 0))
        (block $kDone
          (loop $rows
            (br_if $kDone (i32.ge_u (local.get $p) (local.get $k)))
            (v128.store (local.get $dst) (v128.load (local.get $from)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $from (i32.add (local.get $from) (local.get $rowBytes)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $narrow)))
    (block $singleDone
      (loop $single
        (br_if $singleDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $from (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p (i32.const 0))
        (block $kDone
          (loop $rows
            (br_if $kDone (i32.ge_u (local.get $p) (local.get $k)))
            (f32.store (local.get $dst) (f32.load (local.get $from)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $from (i32.add (local.get $from) (local.get $rowBytes)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $single))))

  ;; out = a times b, with b packed by packPanels at $panels: each panel is
  ;; swept over all rows of a while it sits in cache. With $accumulate 1,
  ;; each sum starts from out's value instead of +0, continuing it: a sum
  ;; over k taken in consecutive blocks is the same sequential sum.
  (func (export "matMul")
    (param $a i32) (param $panels i32) (param $out i32) (param $m i32) (param $k i32) (param $n i32) (param $accumulate i32)
    (local $i i32) (local $j i32)
    (local $aRow i32) (local $aEnd i32) (local $outCell i32) (local $bPtr i32) (local $rowBytes i32) (local $kBytes i32)
    (local $x v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $s f32)
    (local $y v128) (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $k1 i32) (local $k2 i32) (local $k3 i32) (local $s1 f32) (local $s2 f32) (local $s3 f32) (local $bValue f32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 2)))
    ;; byte distances from a row of a to the next three
    (local.set $k1 (local.get $kBytes))
    (local.set $k2 (i32.shl (local.get $kBytes) (i32.const 1)))
    (local.set $k3 (i32.mul (local.get $kBytes) (i32.const 3)))
    ;; sixteen-column panels
    (block $wideDone
      (loop $wide
        (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
        (local.set $aRow (local.get $a))
        (local.set $outCell (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $i (i32.const 0))
        ;; Two rows of a at a time: eight independent sums in flight rather
        ;; than four, so the adds do not wait on each other, and each panel
        ;; load serves both rows. Each output's sum keeps its order.
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $m)))
            (local.set $c0 (select (v128.load (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c1 (select (v128.load offset=16 (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c2 (select (v128.load offset=32 (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c3 (select (v128.load offset=48 (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c4 (select (v128.load (i32.add (local.get $outCell) (local.get $rowBytes))) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c5 (select (v128.load offset=16 (i32.add (local.get $outCell) (local.get $rowBytes))) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c6 (select (v128.load offset=32 (i32.add (local.get $outCell) (local.get $rowBytes))) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c7 (select (v128.load offset=48 (i32.add (local.get $outCell) (local.get $rowBytes))) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $bPtr (local.get $panels))
            (local.set $aEnd (i32.add (local.get $aRow) (local.get $kBytes)))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
                (local.set $x (f32x4.splat (f32.load (local.get $aRow))))
                (local.set $y (f32x4.splat (f32.load (i32.add (local.get $aRow) (local.get $kBytes)))))
                (local.set $b0 (v128.load offset=0 (local.get $bPtr)))
                (local.set $b1 (v128.load offset=16 (local.get $bPtr)))
                (local.set $b2 (v128.load offset=32 (local.get $bPtr)))
                (local.set $b3 (v128.load offset=48 (local.get $bPtr)))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $x) (local.get $b0))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $x) (local.get $b1))))
                (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $x) (local.get $b2))))
                (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $x) (local.get $b3))))
                (local.set $c4 (f32x4.add (local.get $c4) (f32x4.mul (local.get $y) (local.get $b0))))
                (local.set $c5 (f32x4.add (local.get $c5) (f32x4.mul (local.get $y) (local.get $b1))))
                (local.set $c6 (f32x4.add (local.get $c6) (f32x4.mul (local.get $y) (local.get $b2))))
                (local.set $c7 (f32x4.add (local.get $c7) (f32x4.mul (local.get $y) (local.get $b3))))
                (local.set $bPtr (i32.add (local.get $bPtr) (i32.const 64)))
                (local.set $aRow (i32.add (local.get $aRow) (i32.const 4)))
                (br $inner)))
            (v128.store offset=0 (local.get $outCell) (local.get $c0))
            (v128.store offset=16 (local.get $outCell) (local.get $c1))
            (v128.store offset=32 (local.get $outCell) (local.get $c2))
            (v128.store offset=48 (local.get $outCell) (local.get $c3))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (v128.store offset=0 (local.get $outCell) (local.get $c4))
            (v128.store offset=16 (local.get $outCell) (local.get $c5))
            (v128.store offset=32 (local.get $outCell) (local.get $c6))
            (v128.store offset=48 (local.get $outCell) (local.get $c7))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            ;; past the second row
            (local.set $aRow (i32.add (local.get $aEnd) (local.get $kBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $pairs)))
        ;; the last row when m is odd
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $c0 (select (v128.load (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c1 (select (v128.load offset=16 (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c2 (select (v128.load offset=32 (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c3 (select (v128.load offset=48 (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $bPtr (local.get $panels))
            (local.set $aEnd (i32.add (local.get $aRow) (local.get $kBytes)))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
                (local.set $x (f32x4.splat (f32.load (local.get $aRow))))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $x) (v128.load (local.get $bPtr)))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $bPtr)))))
                (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $x) (v128.load offset=32 (local.get $bPtr)))))
                (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $x) (v128.load offset=48 (local.get $bPtr)))))
                (local.set $bPtr (i32.add (local.get $bPtr) (i32.const 64)))
                (local.set $aRow (i32.add (local.get $aRow) (i32.const 4)))
                (br $inner)))
            (v128.store (local.get $outCell) (local.get $c0))
            (v128.store offset=16 (local.get $outCell) (local.get $c1))
            (v128.store offset=32 (local.get $outCell) (local.get $c2))
            (v128.store offset=48 (local.get $outCell) (local.get $c3))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $panels (i32.add (local.get $panels) (i32.shl (local.get $k) (i32.const 6))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $wide)))
    ;; four-column panels
    (block $narrowDone
      (loop $narrow
        (br_if $narrowDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $aRow (local.get $a))
        (local.set $outCell (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $i (i32.const 0))
        ;; Four rows of a at a time, four independent sums in flight (one
        ;; row's would wait on each other), each panel load serving all four.
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
            (local.set $c0 (select (v128.load (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c1 (select (v128.load (i32.add (local.get $outCell) (local.get $rowBytes))) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c2 (select (v128.load (i32.add (local.get $outCell) (i32.mul (local.get $rowBytes) (i32.const 2)))) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $c3 (select (v128.load (i32.add (local.get $outCell) (i32.mul (local.get $rowBytes) (i32.const 3)))) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $bPtr (local.get $panels))
            (local.set $aEnd (i32.add (local.get $aRow) (local.get $kBytes)))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
                (local.set $b0 (v128.load (local.get $bPtr)))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (f32x4.splat (f32.load (local.get $aRow))) (local.get $b0))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $aRow) (local.get $k1)))) (local.get $b0))))
                (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $aRow) (local.get $k2)))) (local.get $b0))))
                (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $aRow) (local.get $k3)))) (local.get $b0))))
                (local.set $bPtr (i32.add (local.get $bPtr) (i32.const 16)))
                (local.set $aRow (i32.add (local.get $aRow) (i32.const 4)))
                (br $inner)))
            (v128.store (local.get $outCell) (local.get $c0))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (v128.store (local.get $outCell) (local.get $c1))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (v128.store (local.get $outCell) (local.get $c2))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (v128.store (local.get $outCell) (local.get $c3))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            ;; past the fourth row
            (local.set $aRow (i32.add (local.get $aEnd) (local.get $k3)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $quads)))
        ;; the rows left over
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $c0 (select (v128.load (local.get $outCell)) (v128.const i32x4 0 0 0 0) (local.get $accumulate)))
            (local.set $bPtr (local.get $panels))
            (local.set $aEnd (i32.add (local.get $aRow) (local.get $kBytes)))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
                (local.set $c0 (f32x4.add (local.get $c0)
                  (f32x4.mul (f32x4.splat (f32.load (local.get $aRow))) (v128.load (local.get $bPtr)))))
                (local.set $bPtr (i32.add (local.get $bPtr) (i32.const 16)))
                (local.set $aRow (i32.add (local.get $aRow) (i32.const 4)))
                (br $inner)))
            (v128.store (local.get $outCell) (local.get $c0))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $panels (i32.add (local.get $panels) (i32.shl (local.get $k) (i32.const 4))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $narrow)))
    ;; single columns
    (block $singleDone
      (loop $single
        (br_if $singleDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $aRow (local.get $a))
        (local.set $outCell (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $i (i32.const 0))
        ;; four rows at a time, as for the four-column panels
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
            (local.set $s (select (f32.load (local.get $outCell)) (f32.const 0) (local.get $accumulate)))
            (local.set $s1 (select (f32.load (i32.add (local.get $outCell) (local.get $rowBytes))) (f32.const 0) (local.get $accumulate)))
            (local.set $s2 (select (f32.load (i32.add (local.get $outCell) (i32.mul (local.get $rowBytes) (i32.const 2)))) (f32.const 0) (local.get $accumulate)))
            (local.set $s3 (select (f32.load (i32.add (local.get $outCell) (i32.mul (local.get $rowBytes) (i32.const 3)))) (f32.const 0) (local.get $accumulate)))
            (local.set $bPtr (local.get $panels))
            (local.set $aEnd (i32.add (local.get $aRow) (local.get $kBytes)))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
                (local.set $bValue (f32.load (local.get $bPtr)))
                (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $aRow)) (local.get $bValue))))
                (local.set $s1 (f32.add (local.get $s1) (f32.mul (f32.load (i32.add (local.get $aRow) (local.get $k1))) (local.get $bValue))))
                (local.set $s2 (f32.add (local.get $s2) (f32.mul (f32.load (i32.add (local.get $aRow) (local.get $k2))) (local.get $bValue))))
                (local.set $s3 (f32.add (local.get $s3) (f32.mul (f32.load (i32.add (local.get $aRow) (local.get $k3))) (local.get $bValue))))
                (local.set $bPtr (i32.add (local.get $bPtr) (i32.const 4)))
                (local.set $aRow (i32.add (local.get $aRow) (i32.const 4)))
                (br $inner)))
            (f32.store (local.get $outCell) (local.get $s))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (f32.store (local.get $outCell) (local.get $s1))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (f32.store (local.get $outCell) (local.get $s2))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (f32.store (local.get $outCell) (local.get $s3))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (local.set $aRow (i32.add (local.get $aEnd) (local.get $k3)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $quads)))
        ;; the rows left over
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $s (select (f32.load (local.get $outCell)) (f32.const 0) (local.get $accumulate)))
            (local.set $bPtr (local.get $panels))
            (local.set $aEnd (i32.add (local.get $aRow) (local.get $kBytes)))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
                (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $aRow)) (f32.load (local.get $bPtr)))))
                (local.set $bPtr (i32.add (local.get $bPtr) (i32.const 4)))
                (local.set $aRow (i32.add (local.get $aRow) (i32.const 4)))
                (br $inner)))
            (f32.store (local.get $outCell) (local.get $s))
            (local.set $outCell (i32.add (local.get $outCell) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $panels (i32.add (local.get $panels) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $single))))

  ;; The patch matrix gathered straight into matMul's 16-column panels:
  ;; dst[(panel * rows + i) * 16 + lane] = the float at byte address
  ;; across[16 * panel + lane] + down[i], panel by panel, row by row. A
  ;; convolution's element (position, tap) sits at base(position) + offset(tap)
  ;; in its zero-padded input, so with positions across and taps down this
  ;; writes patchesᵀ as packPanels would (the forward pass), and with taps
  ;; across and positions down the patch matrix itself (the filter gradient).
  (func (export "gatherPanels")
    (param $across i32) (param $down i32) (param $dst i32) (param $panels i32) (param $rows i32)
    (local $p i32) (local $next i32) (local $downEnd i32) (local $d i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $a4 i32) (local $a5 i32) (local $a6 i32) (local $a7 i32) (local $a8 i32) (local $a9 i32) (local $a10 i32) (local $a11 i32) (local $a12 i32) (local $a13 i32) (local $a14 i32) (local $a15 i32)
    (local.set $downEnd (i32.add (local.get $down) (i32.shl (local.get $rows) (i32.const 2))))
    (block $panelsDone
      (loop $panel
        (br_if $panelsDone (i32.ge_u (local.get $p) (local.get $panels)))
        (local.set $a0 (i32.load offset=0 (local.get $across)))
        (local.set $a1 (i32.load offset=4 (local.get $across)))
        (local.set $a2 (i32.load offset=8 (local.get $across)))
        (local.set $a3 (i32.load offset=12 (local.get $across)))
        (local.set $a4 (i32.load offset=16 (local.get $across)))
        (local.set $a5 (i32.load offset=20 (local.get $across)))
        (local.set $a6 (i32.load offset=24 (local.get $across)))
        (local.set $a7 (i32.load offset=28 (local.get $across)))
        (local.set $a8 (i32.load offset=32 (local.get $across)))
        (local.set $a9 (i32.load offset=36 (local.get $across)))
        (local.set $a10 (i32.load offset=40 (local.get $across)))
        (local.set $a11 (i32.load offset=44 (local.get $across)))
        (local.set $a12 (i32.load offset=48 (local.get $across)))
        (local.set $a13 (i32.load offset=52 (local.get $across)))
        (local.set $a14 (i32.load offset=56 (local.get $across)))
        (local.set $a15 (i32.load offset=60 (local.get $across)))
        (local.set $next (local.get $down))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $next) (local.get $downEnd)))
            (local.set $d (i32.load (local.get $next)))
            (f32.store offset=0 (local.get $dst) (f32.load (i32.add (local.get $a0) (local.get $d))))
            (f32.store offset=4 (local.get $dst) (f32.load (i32.add (local.get $a1) (local.get $d))))
            (f32.store offset=8 (local.get $dst) (f32.load (i32.add (local.get $a2) (local.get $d))))
            (f32.store offset=12 (local.get $dst) (f32.load (i32.add (local.get $a3) (local.get $d))))
            (f32.store offset=16 (local.get $dst) (f32.load (i32.add (local.get $a4) (local.get $d))))
            (f32.store offset=20 (local.get $dst) (f32.load (i32.add (local.get $a5) (local.get $d))))
            (f32.store offset=24 (local.get $dst) (f32.load (i32.add (local.get $a6) (local.get $d))))
            (f32.store offset=28 (local.get $dst) (f32.load (i32.add (local.get $a7) (local.get $d))))
            (f32.store offset=32 (local.get $dst) (f32.load (i32.add (local.get $a8) (local.get $d))))
            (f32.store offset=36 (local.get $dst) (f32.load (i32.add (local.get $a9) (local.get $d))))
            (f32.store offset=40 (local.get $dst) (f32.load (i32.add (local.get $a10) (local.get $d))))
            (f32.store offset=44 (local.get $dst) (f32.load (i32.add (local.get $a11) (local.get $d))))
            (f32.store offset=48 (local.get $dst) (f32.load (i32.add (local.get $a12) (local.get $d))))
            (f32.store offset=52 (local.get $dst) (f32.load (i32.add (local.get $a13) (local.get $d))))
            (f32.store offset=56 (local.get $dst) (f32.load (i32.add (local.get $a14) (local.get $d))))
            (f32.store offset=60 (local.get $dst) (f32.load (i32.add (local.get $a15) (local.get $d))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (local.set $next (i32.add (local.get $next) (i32.const 4)))
            (br $row)))
        (local.set $across (i32.add (local.get $across) (i32.const 64)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $panel))))

  ;; The inverse, adding: for each row r of src (rows floats wide apart by
  ;; width) in order, its columns in order are added to the floats from byte
  ;; address across[r] + offset, run by run: runs holds runCount i32 pairs
  ;; (byte offset, length in floats), the runs taking src's columns one after
  ;; another, each rounded by the store. With positions across and the
  ;; patch's contiguous stretches as runs (one per filter row when the
  ;; columns are not dilated), this is col2im into a zero-padded input
  ;; gradient, four floats per f32x4 add: every element receives its sums in
  ;; position order, and no two columns of a row meet the same element.
  (func (export "scatterAddRuns")
    (param $src i32) (param $width i32) (param $across i32) (param $runs i32) (param $runCount i32) (param $rows i32)
    (local $r i32) (local $base i32) (local $from i32) (local $run i32) (local $runsEnd i32) (local $at i32) (local $end i32)
    (local.set $runsEnd (i32.add (local.get $runs) (i32.shl (local.get $runCount) (i32.const 3))))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $base (i32.load (local.get $across)))
        (local.set $from (local.get $src))
        (local.set $run (local.get $runs))
        (block $runsDone
          (loop $nextRun
            (br_if $runsDone (i32.ge_u (local.get $run) (local.get $runsEnd)))
            (local.set $at (i32.add (local.get $base) (i32.load (local.get $run))))
            (local.set $end (i32.add (local.get $at) (i32.shl (i32.load offset=4 (local.get $run)) (i32.const 2))))
            (block $vectorsDone
              (loop $vector
                (br_if $vectorsDone (i32.gt_u (i32.add (local.get $at) (i32.const 16)) (local.get $end)))
                (v128.store (local.get $at) (f32x4.add (v128.load (local.get $at)) (v128.load (local.get $from))))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (local.set $from (i32.add (local.get $from) (i32.const 16)))
                (br $vector)))
            (block $floatsDone
              (loop $float
                (br_if $floatsDone (i32.ge_u (local.get $at) (local.get $end)))
                (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32.load (local.get $from))))
                (local.set $at (i32.add (local.get $at) (i32.const 4)))
                (local.set $from (i32.add (local.get $from) (i32.const 4)))
                (br $float)))
            (local.set $run (i32.add (local.get $run) (i32.const 8)))
            (br $nextRun)))
        (local.set $src (i32.add (local.get $src) (i32.shl (local.get $width) (i32.const 2))))
        (local.set $across (i32.add (local.get $across) (i32.const 4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; dst (cols x rows, row-major) = the transpose of the rows x cols matrix at
  ;; src, whose rows start stride floats apart: the layout changes around the
  ;; products, done here rather than element by element in JavaScript.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32) (param $stride i32)
    (local $i i32) (local $from i32) (local $to i32) (local $end i32) (local $dstStep i32)
    (local.set $dstStep (i32.shl (local.get $rows) (i32.const 2)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $from (i32.add (local.get $src) (i32.shl (i32.mul (local.get $i) (local.get $stride)) (i32.const 2))))
        (local.set $end (i32.add (local.get $from) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2))))
        (block $colsDone
          (loop $col
            (br_if $colsDone (i32.ge_u (local.get $from) (local.get $end)))
            (f32.store (local.get $to) (f32.load (local.get $from)))
            (local.set $from (i32.add (local.get $from) (i32.const 4)))
            (local.set $to (i32.add (local.get $to) (local.get $dstStep)))
            (br $col)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

  ;; The elementwise kernels below run over whole f32x4 vectors: count is
  ;; rounded up to a multiple of four, and the caller leaves room for the
  ;; lanes past the end (their results are never read).

  ;; dst[i] = src[i] where src[i] > 0 or is NaN, +0 elsewhere (-0 included):
  ;; TF's Relu, each kept value's bits unchanged.
  (func (export "relu") (param $src i32) (param $dst i32) (param $count i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $v (v128.load (local.get $src)))
        (v128.store (local.get $dst)
          (v128.and (local.get $v)
            (v128.or (f32x4.gt (local.get $v) (v128.const i32x4 0 0 0 0)) (f32x4.ne (local.get $v) (local.get $v)))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next))))

  ;; dst[i] = dy[i] where y[i] > 0 or is NaN, +0 elsewhere: TF's ReluGrad
  ;; from relu's output, each passed gradient's bits unchanged.
  (func (export "reluGrad") (param $dy i32) (param $y i32) (param $dst i32) (param $count i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (local.set $v (v128.load (local.get $y)))
        (v128.store (local.get $dst)
          (v128.and (v128.load (local.get $dy))
            (v128.or (f32x4.gt (local.get $v) (v128.const i32x4 0 0 0 0)) (f32x4.ne (local.get $v) (local.get $v)))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next))))

  ;; dst[i] = a[i] + pattern[i mod period]: a bias added along rows, with the
  ;; row repeated into a pattern of period floats, a multiple of four (and of
  ;; the row's length), so that every vector of a meets a vector of it.
  (func (export "addPattern") (param $a i32) (param $pattern i32) (param $dst i32) (param $count i32) (param $period i32)
    (local $end i32) (local $p i32) (local $patternEnd i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $patternEnd (i32.add (local.get $pattern) (i32.shl (local.get $period) (i32.const 2))))
    (local.set $p (local.get $pattern))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $p))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (if (i32.eq (local.get $p) (local.get $patternEnd)) (then (local.set $p (local.get $pattern))))
        (br $next))))

  ;; dst[j] = the sequential float32 sum from +0, over the rows in order, of
  ;; column j of the rows x cols matrix at src: eight columns at a time in two
  ;; f32x4 sums, so that two are in flight. Lanes past the last column read up
  ;; to seven floats past the matrix, and their sums land past dst's cols.
  (func (export "columnSums") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $g i32) (local $from i32) (local $end i32) (local $rowBytes i32) (local $c0 v128) (local $c1 v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (block $groupsDone
      (loop $group
        (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $cols)))
        (local.set $c0 (v128.const i32x4 0 0 0 0))
        (local.set $c1 (v128.const i32x4 0 0 0 0))
        (local.set $from (i32.add (local.get $src) (i32.shl (local.get $g) (i32.const 2))))
        (local.set $end (i32.add (local.get $from) (i32.mul (local.get $rows) (local.get $rowBytes))))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $from) (local.get $end)))
            (local.set $c0 (f32x4.add (local.get $c0) (v128.load (local.get $from))))
            (local.set $c1 (f32x4.add (local.get $c1) (v128.load offset=16 (local.get $from))))
            (local.set $from (i32.add (local.get $from) (local.get $rowBytes)))
            (br $row)))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $g) (i32.const 2))) (local.get $c0))
        (v128.store offset=16 (i32.add (local.get $dst) (i32.shl (local.get $g) (i32.const 2))) (local.get $c1))
        (local.set $g (i32.add (local.get $g) (i32.const 8)))
        (br $group))))

  ;; Max pooling over NHWC x: for each window and each group of four channels,
  ;; the window's maximum (at $values) and the flat index into x of its
  ;; first occurrence (at $argmax), scanning the
  ;; window's real elements in row-major order (rowSpans and colSpans hold,
  ;; per output row and column, the first real input row or column and one
  ;; past the last, as i32 pairs). A later element takes over only when
  ;; strictly larger or a NaN, and only while the running maximum is not
  ;; NaN. The first element is compared with itself, which never takes
  ;; over. When channels is not a multiple of four, the last group's extra
  ;; lanes read up to three floats past the window and write up to three
  ;; values and indices past the position, which the next position
  ;; overwrites (past the last one, the caller leaves room).
  (func (export "maxPool")
    (param $x i32) (param $values i32) (param $argmax i32) (param $rowSpans i32) (param $colSpans i32)
    (param $batch i32) (param $inHeight i32) (param $inWidth i32) (param $channels i32) (param $outHeight i32) (param $outWidth i32)
    (local $b i32) (local $i i32) (local $j i32) (local $g i32) (local $row i32) (local $col i32)
    (local $image i32) (local $rowBegin i32) (local $rowEnd i32) (local $colBegin i32) (local $colEnd i32)
    (local $pixelBytes i32) (local $rowBytes i32) (local $at i32) (local $rowAt i32)
    (local $best v128) (local $index v128) (local $v v128) (local $take v128)
    (local.set $pixelBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $inWidth) (local.get $pixelBytes)))
    (local.set $image (local.get $x))
    (block $batchDone
      (loop $image
        (br_if $batchDone (i32.ge_u (local.get $b) (local.get $batch)))
        (local.set $i (i32.const 0))
        (block $rowsDone
          (loop $outRow
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $outHeight)))
            (local.set $rowBegin (i32.load (i32.add (local.get $rowSpans) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $rowEnd (i32.load offset=4 (i32.add (local.get $rowSpans) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $j (i32.const 0))
            (block $colsDone
              (loop $outCol
                (br_if $colsDone (i32.ge_u (local.get $j) (local.get $outWidth)))
                (local.set $colBegin (i32.load (i32.add (local.get $colSpans) (i32.shl (local.get $j) (i32.const 3)))))
                (local.set $colEnd (i32.load offset=4 (i32.add (local.get $colSpans) (i32.shl (local.get $j) (i32.const 3)))))
                (local.set $g (i32.const 0))
                (block $groupsDone
                  (loop $group
                    (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $channels)))
                    (local.set $at (i32.add (i32.add (local.get $image) (i32.shl (local.get $g) (i32.const 2)))
                      (i32.add (i32.mul (local.get $rowBegin) (local.get $rowBytes)) (i32.mul (local.get $colBegin) (local.get $pixelBytes)))))
                    (local.set $best (v128.load (local.get $at)))
                    (local.set $index (i32x4.add (i32x4.splat (i32.shr_u (i32.sub (local.get $at) (local.get $x)) (i32.const 2)))
                      (v128.const i32x4 0 1 2 3)))
                    (local.set $row (local.get $rowBegin))
                    (block $windowDone
                      (loop $windowRow
                        (br_if $windowDone (i32.ge_u (local.get $row) (local.get $rowEnd)))
                        (local.set $rowAt (i32.add (i32.add (local.get $image) (i32.shl (local.get $g) (i32.const 2)))
                          (i32.mul (local.get $row) (local.get $rowBytes))))
                        (local.set $col (local.get $colBegin))
                        (block $windowRowDone
                          (loop $windowCol
                            (br_if $windowRowDone (i32.ge_u (local.get $col) (local.get $colEnd)))
                            (local.set $at (i32.add (local.get $rowAt) (i32.mul (local.get $col) (local.get $pixelBytes))))
                            (local.set $v (v128.load (local.get $at)))
                            (local.set $take (v128.andnot (f32x4.eq (local.get $best) (local.get $best)) (f32x4.le (local.get $v) (local.get $best))))
                            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $take)))
                            (local.set $index (v128.bitselect
                              (i32x4.add (i32x4.splat (i32.shr_u (i32.sub (local.get $at) (local.get $x)) (i32.const 2))) (v128.const i32x4 0 1 2 3))
                              (local.get $index) (local.get $take)))
                            (local.set $col (i32.add (local.get $col) (i32.const 1)))
                            (br $windowCol)))
                        (local.set $row (i32.add (local.get $row) (i32.const 1)))
                        (br $windowRow)))
                    (v128.store (local.get $values) (local.get $best))
                    (v128.store (local.get $argmax) (local.get $index))
                    (local.set $values (i32.add (local.get $values) (i32.const 16)))
                    (local.set $argmax (i32.add (local.get $argmax) (i32.const 16)))
                    (local.set $g (i32.add (local.get $g) (i32.const 4)))
                    (br $group)))
                ;; back over the lanes past the last channel, onto the next position
                (local.set $values (i32.sub (local.get $values) (i32.shl (i32.sub (local.get $g) (local.get $channels)) (i32.const 2))))
                (local.set $argmax (i32.sub (local.get $argmax) (i32.shl (i32.sub (local.get $g) (local.get $channels)) (i32.const 2))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $outCol)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $outRow)))
        (local.set $image (i32.add (local.get $image) (i32.mul (local.get $inHeight) (local.get $rowBytes))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $image))))

  ;; dst[argmax[i]] += dy[i] for each i in order, each sum rounded to f32:
  ;; max pooling's gradient, dst zeroed by the caller.
  (func (export "scatterAdd") (param $dy i32) (param $argmax i32) (param $dst i32) (param $count i32)
    (local $end i32) (local $at i32)
    (local.set $end (i32.add (local.get $dy) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dy) (local.get $end)))
        (local.set $at (i32.add (local.get $dst) (i32.shl (i32.load (local.get $argmax)) (i32.const 2))))
        (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32.load (local.get $dy))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $argmax (i32.add (local.get $argmax) (i32.const 4)))
        (br $next))))

  ;; dst[(b * outHeight + i) * outWidth + j] = first + b * imageBytes +
  ;; i * rowBytes + j * colBytes, as i32: the address of each output
  ;; position's window in a padded image, positions in row-major order.
  (func (export "windowAddresses")
    (param $dst i32) (param $first i32) (param $batch i32) (param $outHeight i32) (param $outWidth i32)
    (param $imageBytes i32) (param $rowBytes i32) (param $colBytes i32)
    (local $b i32) (local $i i32) (local $rowAt i32) (local $at i32) (local $end i32)
    (block $batchDone
      (loop $image
        (br_if $batchDone (i32.ge_u (local.get $b) (local.get $batch)))
        (local.set $rowAt (i32.add (local.get $first) (i32.mul (local.get $b) (local.get $imageBytes))))
        (local.set $i (i32.const 0))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $outHeight)))
            (local.set $at (local.get $rowAt))
            (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $outWidth) (i32.const 2))))
            (block $colsDone
              (loop $col
                (br_if $colsDone (i32.ge_u (local.get $dst) (local.get $end)))
                (i32.store (local.get $dst) (local.get $at))
                (local.set $at (i32.add (local.get $at) (local.get $colBytes)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (br $col)))
            (local.set $rowAt (i32.add (local.get $rowAt) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $row)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $image))))

  ;; A block of a convolution's filter gradient straight from the padded
  ;; image, with no patch matrix: for five taps t (byte offsets at $taps)
  ;; and eight output channels c, out[t, c] = the sequential float32 sum
  ;; over the rows r in order of x[positions[r] + taps[t]] * dy[r, c],
  ;; from +0. Each row's five image values are
  ;; splatted and multiplied by its eight dy values (two f32x4 loads), ten
  ;; sums in flight. Lanes past the real channels read the next row's dy
  ;; (up to seven floats past dy's end on the last row) and their sums are
  ;; dropped by the caller, as are the sums of padding taps.
  (func (export "filterGradientBlock")
    (param $positions i32) (param $rows i32) (param $taps i32) (param $dy i32) (param $dyRowBytes i32)
    (param $out i32) (param $outRowBytes i32)
    (local $end i32) (local $base i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32) (local $o4 i32)
    (local $d0 v128) (local $d1 v128) (local $x v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $b4 v128)
    (local $row1 i32) (local $row2 i32) (local $row3 i32) (local $row4 i32)
    (local.set $o0 (i32.load offset=0 (local.get $taps)))
    (local.set $o1 (i32.load offset=4 (local.get $taps)))
    (local.set $o2 (i32.load offset=8 (local.get $taps)))
    (local.set $o3 (i32.load offset=12 (local.get $taps)))
    (local.set $o4 (i32.load offset=16 (local.get $taps)))
    ;; out's rows for the five taps
    (local.set $row1 (i32.add (local.get $out) (local.get $outRowBytes)))
    (local.set $row2 (i32.add (local.get $row1) (local.get $outRowBytes)))
    (local.set $row3 (i32.add (local.get $row2) (local.get $outRowBytes)))
    (local.set $row4 (i32.add (local.get $row3) (local.get $outRowBytes)))
    (local.set $end (i32.add (local.get $positions) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $positions) (local.get $end)))
        (local.set $base (i32.load (local.get $positions)))
        (local.set $d0 (v128.load (local.get $dy)))
        (local.set $d1 (v128.load offset=16 (local.get $dy)))
        (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $o0))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (local.get $d0))))
        (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $x) (local.get $d1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $o1))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (local.get $d0))))
        (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $x) (local.get $d1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $o2))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (local.get $d0))))
        (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $x) (local.get $d1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $o3))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $x) (local.get $d0))))
        (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $x) (local.get $d1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $o4))))
        (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $x) (local.get $d0))))
        (local.set $b4 (f32x4.add (local.get $b4) (f32x4.mul (local.get $x) (local.get $d1))))
        (local.set $dy (i32.add (local.get $dy) (local.get $dyRowBytes)))
        (local.set $positions (i32.add (local.get $positions) (i32.const 4)))
        (br $row)))
    (v128.store (local.get $out) (local.get $a0))
    (v128.store offset=16 (local.get $out) (local.get $b0))
    (v128.store (local.get $row1) (local.get $a1))
    (v128.store offset=16 (local.get $row1) (local.get $b1))
    (v128.store (local.get $row2) (local.get $a2))
    (v128.store offset=16 (local.get $row2) (local.get $b2))
    (v128.store (local.get $row3) (local.get $a3))
    (v128.store offset=16 (local.get $row3) (local.get $b3))
    (v128.store (local.get $row4) (local.get $a4))
    (v128.store offset=16 (local.get $row4) (local.get $b4)))

  ;; A block of a convolution's output straight from the padded image, with
  ;; no patch matrix: for groups of five output positions (window addresses
  ;; at $positions, $rows a multiple of five) and eight output channels,
  ;; out[p, c] = the sequential float32 sum from +0, over the $tapCount taps
  ;; t in order (byte offsets at $taps), of x[positions[p] + taps[t]] times
  ;; filter[t, c]. Each tap's five image values are splatted and multiplied
  ;; by its eight filter values (two f32x4 loads), ten sums in flight. The
  ;; second vector of a block past the real channels reads the next filter
  ;; row (up to seven floats past the filter's end) and writes into the next
  ;; position's first channels: the caller runs channel blocks from the last
  ;; to the first, so those are written again afterwards, and leaves room
  ;; past the last position.
  (func (export "convOutputBlock")
    (param $positions i32) (param $rows i32) (param $taps i32) (param $tapCount i32) (param $filter i32)
    (param $filterRowBytes i32) (param $out i32) (param $outRowBytes i32)
    (local $end i32) (local $tap i32) (local $tapsEnd i32) (local $f i32) (local $offset i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $p4 i32)
    (local $f0 v128) (local $f1 v128) (local $x v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $b4 v128)
    (local.set $end (i32.add (local.get $positions) (i32.shl (local.get $rows) (i32.const 2))))
    (local.set $tapsEnd (i32.add (local.get $taps) (i32.shl (local.get $tapCount) (i32.const 2))))
    (block $done
      (loop $group
        (br_if $done (i32.ge_u (local.get $positions) (local.get $end)))
        (local.set $p0 (i32.load offset=0 (local.get $positions)))
        (local.set $p1 (i32.load offset=4 (local.get $positions)))
        (local.set $p2 (i32.load offset=8 (local.get $positions)))
        (local.set $p3 (i32.load offset=12 (local.get $positions)))
        (local.set $p4 (i32.load offset=16 (local.get $positions)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $a4 (v128.const i32x4 0 0 0 0))
        (local.set $b0 (v128.const i32x4 0 0 0 0))
        (local.set $b1 (v128.const i32x4 0 0 0 0))
        (local.set $b2 (v128.const i32x4 0 0 0 0))
        (local.set $b3 (v128.const i32x4 0 0 0 0))
        (local.set $b4 (v128.const i32x4 0 0 0 0))
        (local.set $tap (local.get $taps))
        (local.set $f (local.get $filter))
        (block $tapsDone
          (loop $nextTap
            (br_if $tapsDone (i32.ge_u (local.get $tap) (local.get $tapsEnd)))
            (local.set $offset (i32.load (local.get $tap)))
            (local.set $f0 (v128.load (local.get $f)))
            (local.set $f1 (v128.load offset=16 (local.get $f)))
            (local.set $x (v128.load32_splat (i32.add (local.get $p0) (local.get $offset))))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (local.get $f0))))
            (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $x) (local.get $f1))))
            (local.set $x (v128.load32_splat (i32.add (local.get $p1) (local.get $offset))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (local.get $f0))))
            (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $x) (local.get $f1))))
            (local.set $x (v128.load32_splat (i32.add (local.get $p2) (local.get $offset))))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (local.get $f0))))
            (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $x) (local.get $f1))))
            (local.set $x (v128.load32_splat (i32.add (local.get $p3) (local.get $offset))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $x) (local.get $f0))))
            (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $x) (local.get $f1))))
            (local.set $x (v128.load32_splat (i32.add (local.get $p4) (local.get $offset))))
            (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $x) (local.get $f0))))
            (local.set $b4 (f32x4.add (local.get $b4) (f32x4.mul (local.get $x) (local.get $f1))))
            (local.set $f (i32.add (local.get $f) (local.get $filterRowBytes)))
            (local.set $tap (i32.add (local.get $tap) (i32.const 4)))
            (br $nextTap)))
        ;; positions in order, each one's second vector before the next position's first
        (v128.store (local.get $out) (local.get $a0))
        (v128.store offset=16 (local.get $out) (local.get $b0))
        (local.set $out (i32.add (local.get $out) (local.get $outRowBytes)))
        (v128.store (local.get $out) (local.get $a1))
        (v128.store offset=16 (local.get $out) (local.get $b1))
        (local.set $out (i32.add (local.get $out) (local.get $outRowBytes)))
        (v128.store (local.get $out) (local.get $a2))
        (v128.store offset=16 (local.get $out) (local.get $b2))
        (local.set $out (i32.add (local.get $out) (local.get $outRowBytes)))
        (v128.store (local.get $out) (local.get $a3))
        (v128.store offset=16 (local.get $out) (local.get $b3))
        (local.set $out (i32.add (local.get $out) (local.get $outRowBytes)))
        (v128.store (local.get $out) (local.get $a4))
        (v128.store offset=16 (local.get $out) (local.get $b4))
        (local.set $out (i32.add (local.get $out) (local.get $outRowBytes)))
        (local.set $positions (i32.add (local.get $positions) (i32.const 20)))
        (br $group))))

  ;; dst[i] = a[i] op b[i] for same-shaped float32 operands, op 0 add, 1 sub,
  ;; 2 mul, 3 div: one f32 rounding of the exact result, which is what the
  ;; TypeScript loop's double operation and its store into a Float32Array
  ;; give (a double holds enough bits that rounding twice changes nothing).
  ;; count is at least 1.
  (func (export "arithmetic") (param $a i32) (param $b i32) (param $dst i32) (param $count i32) (param $op i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $count) (i32.const 2))))
      (if (i32.eq (local.get $op) (i32.const 0))
        (then
          (loop $add
            (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br_if $add (i32.lt_u (local.get $a) (local.get $end))))))
      (if (i32.eq (local.get $op) (i32.const 1))
        (then
          (loop $sub
            (v128.store (local.get $dst) (f32x4.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br_if $sub (i32.lt_u (local.get $a) (local.get $end))))))
      (if (i32.eq (local.get $op) (i32.const 2))
        (then
          (loop $mul
            (v128.store (local.get $dst) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br_if $mul (i32.lt_u (local.get $a) (local.get $end))))))
      (if (i32.eq (local.get $op) (i32.const 3))
        (then
          (loop $div
            (v128.store (local.get $dst) (f32x4.div (v128.load (local.get $a)) (v128.load (local.get $b))))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br_if $div (i32.lt_u (local.get $a) (local.get $end)))))))

  ;; dst[i] = op(src[i]) for op 0 neg, 1 abs, 2 sqrt, 3 square: sign bit
  ;; flipped or cleared, or one f32 rounding of the exact result, which the
  ;; TypeScript loop's double operation and store give too. count is at
  ;; least 1.
  (func (export "simpleUnary") (param $src i32) (param $dst i32) (param $count i32) (param $op i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $count) (i32.const 2))))
      (if (i32.eq (local.get $op) (i32.const 0))
        (then
          (loop $neg
            (local.set $v (v128.load (local.get $src)))
            (v128.store (local.get $dst) (f32x4.neg (local.get $v)))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br_if $neg (i32.lt_u (local.get $src) (local.get $end))))))
      (if (i32.eq (local.get $op) (i32.const 1))
        (then
          (loop $abs
            (local.set $v (v128.load (local.get $src)))
            (v128.store (local.get $dst) (f32x4.abs (local.get $v)))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br_if $abs (i32.lt_u (local.get $src) (local.get $end))))))
      (if (i32.eq (local.get $op) (i32.const 2))
        (then
          (loop $sqrt
            (local.set $v (v128.load (local.get $src)))
            (v128.store (local.get $dst) (f32x4.sqrt (local.get $v)))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br_if $sqrt (i32.lt_u (local.get $src) (local.get $end))))))
      (if (i32.eq (local.get $op) (i32.const 3))
        (then
          (loop $square
            (local.set $v (v128.load (local.get $src)))
            (v128.store (local.get $dst) (f32x4.mul (local.get $v) (local.get $v)))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (br_if $square (i32.lt_u (local.get $src) (local.get $end)))))))

  ;; dst[i] = max(min(src[i], bounds[1]), bounds[0]): clipByValue's
  ;; Math.max(Math.min(x, high), low), NaN staying NaN and -0 below +0 alike.
  (func (export "clip") (param $src i32) (param $dst i32) (param $count i32) (param $bounds i32)
    (local $end i32) (local $low v128) (local $high v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $low (f32x4.splat (f32.load (local.get $bounds))))
    (local.set $high (f32x4.splat (f32.load offset=4 (local.get $bounds))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (v128.store (local.get $dst) (f32x4.max (f32x4.min (v128.load (local.get $src)) (local.get $high)) (local.get $low)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next))))

  ;; dst[i] = log(src[i]) rounded to float32 for the count floats at src, by
  ;; exactly the double operations of logFloat32.ts in the same order, four
  ;; values per iteration in two f64x2 halves (a float32 result is decided
  ;; only when the bounds of its error round alike), so every decided result
  ;; has that kernel's bits. x * 2^-k, exact there, is built here from x's
  ;; bits. The table at $table holds f64 pairs (1 / c, -log(1 / c)) for
  ;; the 256 intervals. The index of every lane left undecided (and of every zero,
  ;; subnormal, negative, infinity or NaN) is appended after the i32 count at
  ;; $undecided, for Math.log to compute; count is rounded up to a multiple of
  ;; four, so up to three indices may lie past the end.
  (func (export "logFloat32") (param $src i32) (param $dst i32) (param $count i32) (param $table i32) (param $undecided i32)
    (local $i i32) (local $found i32) (local $decided i32)
    (local $bits v128) (local $tmp v128) (local $k v128) (local $j v128) (local $z v128)
    (local $r v128) (local $r2 v128) (local $y v128) (local $err v128)
    (local $lowerLow v128) (local $lowerHigh v128) (local $upperLow v128) (local $upperHigh v128) (local $low v128)
    (local $first v128) (local $second v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $bits (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2)))))
        ;; x = 2^k * z with z in [0.699, 1.398); j picks z's interval (8 * j: its byte offset in a table).
        (local.set $tmp (i32x4.sub (local.get $bits) (i32x4.splat (i32.const 0x3f330000))))
        (local.set $k (i32x4.shr_s (local.get $tmp) (i32.const 23)))
        (local.set $j
          (i32x4.shl (v128.and (i32x4.shr_s (local.get $tmp) (i32.const 15)) (i32x4.splat (i32.const 255))) (i32.const 4)))
        (local.set $z (i32x4.sub (local.get $bits) (i32x4.shl (local.get $k) (i32.const 23))))
        ;; Each lane's (1 / c, log c), one load each.
        (local.set $first (v128.load (i32.add (local.get $table) (i32x4.extract_lane 0 (local.get $j)))))
        (local.set $second (v128.load (i32.add (local.get $table) (i32x4.extract_lane 1 (local.get $j)))))
        ;; lower: r = z * (1 / c) - 1; y = k ln 2 + log c + (r + r2 (-1/2 + r / 3) + r2 r2 (-1/4 + r / 5))
        (local.set $r
          (f64x2.sub
            (f64x2.mul
              (f64x2.promote_low_f32x4 (local.get $z))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $first) (local.get $second)))
            (f64x2.splat (f64.const 1))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $y
          (f64x2.add
            (f64x2.add
              (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $k)) (f64x2.splat (f64.const 0x1.62e42fefa39efp-1)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $first) (local.get $second)))
            (f64x2.add
              (f64x2.add
                (local.get $r)
                (f64x2.mul (local.get $r2)
                  (f64x2.add (f64x2.splat (f64.const -0.5))
                    (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.5555555555555p-2))))))
              (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2))
                (f64x2.add (f64x2.splat (f64.const -0.25))
                  (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.999999999999ap-3))))))))
        (local.set $err (f64x2.mul (local.get $y) (f64x2.splat (f64.const 0x1p-38))))
        (local.set $lowerLow (f32x4.demote_f64x2_zero (f64x2.sub (local.get $y) (local.get $err))))
        (local.set $lowerHigh (f32x4.demote_f64x2_zero (f64x2.add (local.get $y) (local.get $err))))
        ;; Each lane's (1 / c, log c), one load each.
        (local.set $first (v128.load (i32.add (local.get $table) (i32x4.extract_lane 2 (local.get $j)))))
        (local.set $second (v128.load (i32.add (local.get $table) (i32x4.extract_lane 3 (local.get $j)))))
        ;; upper: r = z * (1 / c) - 1; y = k ln 2 + log c + (r + r2 (-1/2 + r / 3) + r2 r2 (-1/4 + r / 5))
        (local.set $r
          (f64x2.sub
            (f64x2.mul
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $first) (local.get $second)))
            (f64x2.splat (f64.const 1))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $y
          (f64x2.add
            (f64x2.add
              (f64x2.mul (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $k) (local.get $k))) (f64x2.splat (f64.const 0x1.62e42fefa39efp-1)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $first) (local.get $second)))
            (f64x2.add
              (f64x2.add
                (local.get $r)
                (f64x2.mul (local.get $r2)
                  (f64x2.add (f64x2.splat (f64.const -0.5))
                    (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.5555555555555p-2))))))
              (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2))
                (f64x2.add (f64x2.splat (f64.const -0.25))
                  (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.999999999999ap-3))))))))
        (local.set $err (f64x2.mul (local.get $y) (f64x2.splat (f64.const 0x1p-38))))
        (local.set $upperLow (f32x4.demote_f64x2_zero (f64x2.sub (local.get $y) (local.get $err))))
        (local.set $upperHigh (f32x4.demote_f64x2_zero (f64x2.add (local.get $y) (local.get $err))))
        (local.set $low (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lowerLow) (local.get $upperLow)))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2))) (local.get $low))
        ;; Decided: y - err and y + err round alike, and x is a positive normal float.
        (local.set $decided
          (i32x4.bitmask
            (v128.and
              (f32x4.eq (local.get $low) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lowerHigh) (local.get $upperHigh)))
              (v128.and
                (i32x4.ge_s (local.get $bits) (i32x4.splat (i32.const 0x00800000)))
                (i32x4.lt_s (local.get $bits) (i32x4.splat (i32.const 0x7f800000)))))))
        (if (i32.ne (local.get $decided) (i32.const 15))
          (then
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 1)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 0)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 2)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 1)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 4)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 2)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 8)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 3)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (i32.store (local.get $undecided) (local.get $found)))

  ;; dst[i] = e^(sign * src[i]) rounded to float32 (sign 1 or -1) for the
  ;; count floats at src, by exactly the double operations of expFloat32.ts
  ;; in the same order, four values per iteration in two f64x2 halves, so
  ;; every decided result has that kernel's bits. 2^(k >> 6), exact there,
  ;; is built here from its bits. The table at $table holds 2^(j / 64) for
  ;; j < 64 as f64s. Indices left undecided (and inputs out of (-104, 89),
  ;; NaN included) are appended after the i32 count at $undecided, for
  ;; Math.exp to compute; count is rounded up to a multiple of four, so up to
  ;; three indices may lie past the end.
  (func (export "expFloat32") (param $src i32) (param $dst i32) (param $count i32) (param $sign i32) (param $table i32) (param $undecided i32)
    (local $i i32) (local $found i32) (local $decided i32)
    (local $x v128) (local $signs v128) (local $v v128) (local $steps v128) (local $k v128) (local $j v128)
    (local $r v128) (local $r2 v128) (local $y v128) (local $err v128)
    (local $lowerLow v128) (local $lowerHigh v128) (local $upperLow v128) (local $upperHigh v128) (local $low v128)
    (local.set $signs (f64x2.splat (f64.convert_i32_s (local.get $sign))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $x (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2)))))
        ;; lower half: steps = round(v 64 / ln 2), k its integer, r = v - steps (ln 2 / 64) in two parts
        (local.set $v (f64x2.mul (local.get $signs) (f64x2.promote_low_f32x4 (local.get $x))))
        (local.set $steps
          (f64x2.sub
            (f64x2.add (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.71547652b82fep+6)))
              (f64x2.splat (f64.const 0x1.8p+52)))
            (f64x2.splat (f64.const 0x1.8p+52))))
        (local.set $k (i32x4.trunc_sat_f64x2_s_zero (local.get $steps)))
        (local.set $r
          (f64x2.sub
            (f64x2.sub (local.get $v) (f64x2.mul (local.get $steps) (f64x2.splat (f64.const 0x1.62e43p-7))))
            (f64x2.mul (local.get $steps) (f64x2.splat (f64.const -0x1.05c611p-35)))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        ;; y = 2^(j / 64) * 2^(k >> 6) * (1 + r + r2 (1/2 + r / 6) + r2 r2 / 24), j = k & 63
        (local.set $j (i32x4.shl (v128.and (local.get $k) (i32x4.splat (i32.const 63))) (i32.const 3)))
        (local.set $y
          (f64x2.mul
            (f64x2.mul
              (f64x2.replace_lane 1
                (f64x2.splat (f64.load (i32.add (local.get $table) (i32x4.extract_lane 0 (local.get $j)))))
                (f64.load (i32.add (local.get $table) (i32x4.extract_lane 1 (local.get $j)))))
              (i64x2.shl
                (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $k) (i32.const 6)) (i32x4.splat (i32.const 1023))))
                (i32.const 52)))
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.splat (f64.const 1)) (local.get $r))
                (f64x2.mul (local.get $r2)
                  (f64x2.add (f64x2.splat (f64.const 0.5))
                    (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.5555555555555p-3))))))
              (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2)) (f64x2.splat (f64.const 0x1.5555555555555p-5))))))
        ;; Out of range (NaN included): y = NaN, undecided.
        (local.set $y
          (v128.bitselect (local.get $y) (f64x2.splat (f64.const nan))
            (v128.and
              (f64x2.gt (local.get $v) (f64x2.splat (f64.const -104)))
              (f64x2.lt (local.get $v) (f64x2.splat (f64.const 89))))))
        (local.set $err (f64x2.mul (local.get $y) (f64x2.splat (f64.const 0x1p-40))))
        (local.set $lowerLow (f32x4.demote_f64x2_zero (f64x2.sub (local.get $y) (local.get $err))))
        (local.set $lowerHigh (f32x4.demote_f64x2_zero (f64x2.add (local.get $y) (local.get $err))))
        ;; upper half: steps = round(v 64 / ln 2), k its integer, r = v - steps (ln 2 / 64) in two parts
        (local.set $v (f64x2.mul (local.get $signs) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))))
        (local.set $steps
          (f64x2.sub
            (f64x2.add (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.71547652b82fep+6)))
              (f64x2.splat (f64.const 0x1.8p+52)))
            (f64x2.splat (f64.const 0x1.8p+52))))
        (local.set $k (i32x4.trunc_sat_f64x2_s_zero (local.get $steps)))
        (local.set $r
          (f64x2.sub
            (f64x2.sub (local.get $v) (f64x2.mul (local.get $steps) (f64x2.splat (f64.const 0x1.62e43p-7))))
            (f64x2.mul (local.get $steps) (f64x2.splat (f64.const -0x1.05c611p-35)))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        ;; y = 2^(j / 64) * 2^(k >> 6) * (1 + r + r2 (1/2 + r / 6) + r2 r2 / 24), j = k & 63
        (local.set $j (i32x4.shl (v128.and (local.get $k) (i32x4.splat (i32.const 63))) (i32.const 3)))
        (local.set $y
          (f64x2.mul
            (f64x2.mul
              (f64x2.replace_lane 1
                (f64x2.splat (f64.load (i32.add (local.get $table) (i32x4.extract_lane 0 (local.get $j)))))
                (f64.load (i32.add (local.get $table) (i32x4.extract_lane 1 (local.get $j)))))
              (i64x2.shl
                (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $k) (i32.const 6)) (i32x4.splat (i32.const 1023))))
                (i32.const 52)))
            (f64x2.add
              (f64x2.add
                (f64x2.add (f64x2.splat (f64.const 1)) (local.get $r))
                (f64x2.mul (local.get $r2)
                  (f64x2.add (f64x2.splat (f64.const 0.5))
                    (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.5555555555555p-3))))))
              (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2)) (f64x2.splat (f64.const 0x1.5555555555555p-5))))))
        ;; Out of range (NaN included): y = NaN, undecided.
        (local.set $y
          (v128.bitselect (local.get $y) (f64x2.splat (f64.const nan))
            (v128.and
              (f64x2.gt (local.get $v) (f64x2.splat (f64.const -104)))
              (f64x2.lt (local.get $v) (f64x2.splat (f64.const 89))))))
        (local.set $err (f64x2.mul (local.get $y) (f64x2.splat (f64.const 0x1p-40))))
        (local.set $upperLow (f32x4.demote_f64x2_zero (f64x2.sub (local.get $y) (local.get $err))))
        (local.set $upperHigh (f32x4.demote_f64x2_zero (f64x2.add (local.get $y) (local.get $err))))
        (local.set $low (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lowerLow) (local.get $upperLow)))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2))) (local.get $low))
        ;; Decided: y - err and y + err round alike (never for NaN).
        (local.set $decided
          (i32x4.bitmask (f32x4.eq (local.get $low) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lowerHigh) (local.get $upperHigh)))))
        (if (i32.ne (local.get $decided) (i32.const 15))
          (then
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 1)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 0)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 2)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 1)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 4)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 2)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 8)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 3)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (i32.store (local.get $undecided) (local.get $found)))

  ;; dst[i] = elu(src[i]) rounded to float32: src[i] where it is above 0,
  ;; else expm1 by exactly the double operations of eluFloat32 in
  ;; expFloat32.ts, in the same order (as expFloat32 above, then the
  ;; polynomial above -2^-8 or e^v - 1 below), four values per iteration, so
  ;; every decided result has that kernel's bits. The table and the list of
  ;; undecided indices are as expFloat32's (inputs below -104 and NaN
  ;; included), for Math.expm1 to compute.
  (func (export "eluFloat32") (param $src i32) (param $dst i32) (param $count i32) (param $table i32) (param $undecided i32)
    (local $i i32) (local $found i32) (local $decided i32)
    (local $x v128) (local $v v128) (local $steps v128) (local $k v128) (local $j v128) (local $small v128)
    (local $r v128) (local $r2 v128) (local $y v128) (local $err v128) (local $positive v128)
    (local $lowerLow v128) (local $lowerHigh v128) (local $upperLow v128) (local $upperHigh v128) (local $low v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $x (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2)))))
        ;; lower half: e^v as in expFloat32, then expm1 by the polynomial near 0 or e^v - 1 below
        (local.set $v (f64x2.promote_low_f32x4 (local.get $x)))
        (local.set $steps
          (f64x2.sub
            (f64x2.add (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.71547652b82fep+6)))
              (f64x2.splat (f64.const 0x1.8p+52)))
            (f64x2.splat (f64.const 0x1.8p+52))))
        (local.set $k (i32x4.trunc_sat_f64x2_s_zero (local.get $steps)))
        (local.set $r
          (f64x2.sub
            (f64x2.sub (local.get $v) (f64x2.mul (local.get $steps) (f64x2.splat (f64.const 0x1.62e43p-7))))
            (f64x2.mul (local.get $steps) (f64x2.splat (f64.const -0x1.05c611p-35)))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $j (i32x4.shl (v128.and (local.get $k) (i32x4.splat (i32.const 63))) (i32.const 3)))
        (local.set $y
          (f64x2.sub
            (f64x2.mul
              (f64x2.mul
                (f64x2.replace_lane 1
                  (f64x2.splat (f64.load (i32.add (local.get $table) (i32x4.extract_lane 0 (local.get $j)))))
                  (f64.load (i32.add (local.get $table) (i32x4.extract_lane 1 (local.get $j)))))
                (i64x2.shl
                  (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $k) (i32.const 6)) (i32x4.splat (i32.const 1023))))
                  (i32.const 52)))
              (f64x2.add
                (f64x2.add
                  (f64x2.add (f64x2.splat (f64.const 1)) (local.get $r))
                  (f64x2.mul (local.get $r2)
                    (f64x2.add (f64x2.splat (f64.const 0.5))
                      (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.5555555555555p-3))))))
                (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2)) (f64x2.splat (f64.const 0x1.5555555555555p-5)))))
            (f64x2.splat (f64.const 1))))
        ;; Below -104 (and NaN): y = NaN, undecided.
        (local.set $y
          (v128.bitselect (local.get $y) (f64x2.splat (f64.const nan)) (f64x2.gt (local.get $v) (f64x2.splat (f64.const -104)))))
        ;; Above -2^-8: v (1 + v (1/2 + v (1/6 + v (1/24 + v / 120)))), its error relative; else e^v - 1 within 2^-41.
        (local.set $small (f64x2.gt (local.get $v) (f64x2.splat (f64.const -0x1p-8))))
        (local.set $y
          (v128.bitselect
            (f64x2.mul (local.get $v)
              (f64x2.add (f64x2.splat (f64.const 1))
                (f64x2.mul (local.get $v)
                  (f64x2.add (f64x2.splat (f64.const 0.5))
                    (f64x2.mul (local.get $v)
                      (f64x2.add (f64x2.splat (f64.const 0x1.5555555555555p-3))
                        (f64x2.mul (local.get $v)
                          (f64x2.add (f64x2.splat (f64.const 0x1.5555555555555p-5))
                            (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.1111111111111p-7)))))))))))
            (local.get $y)
            (local.get $small)))
        (local.set $err
          (v128.bitselect
            (f64x2.mul (f64x2.neg (local.get $y)) (f64x2.splat (f64.const 0x1p-44)))
            (f64x2.splat (f64.const 0x1p-41))
            (local.get $small)))
        (local.set $lowerLow (f32x4.demote_f64x2_zero (f64x2.sub (local.get $y) (local.get $err))))
        (local.set $lowerHigh (f32x4.demote_f64x2_zero (f64x2.add (local.get $y) (local.get $err))))
        ;; upper half: e^v as in expFloat32, then expm1 by the polynomial near 0 or e^v - 1 below
        (local.set $v (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))))
        (local.set $steps
          (f64x2.sub
            (f64x2.add (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.71547652b82fep+6)))
              (f64x2.splat (f64.const 0x1.8p+52)))
            (f64x2.splat (f64.const 0x1.8p+52))))
        (local.set $k (i32x4.trunc_sat_f64x2_s_zero (local.get $steps)))
        (local.set $r
          (f64x2.sub
            (f64x2.sub (local.get $v) (f64x2.mul (local.get $steps) (f64x2.splat (f64.const 0x1.62e43p-7))))
            (f64x2.mul (local.get $steps) (f64x2.splat (f64.const -0x1.05c611p-35)))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $j (i32x4.shl (v128.and (local.get $k) (i32x4.splat (i32.const 63))) (i32.const 3)))
        (local.set $y
          (f64x2.sub
            (f64x2.mul
              (f64x2.mul
                (f64x2.replace_lane 1
                  (f64x2.splat (f64.load (i32.add (local.get $table) (i32x4.extract_lane 0 (local.get $j)))))
                  (f64.load (i32.add (local.get $table) (i32x4.extract_lane 1 (local.get $j)))))
                (i64x2.shl
                  (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $k) (i32.const 6)) (i32x4.splat (i32.const 1023))))
                  (i32.const 52)))
              (f64x2.add
                (f64x2.add
                  (f64x2.add (f64x2.splat (f64.const 1)) (local.get $r))
                  (f64x2.mul (local.get $r2)
                    (f64x2.add (f64x2.splat (f64.const 0.5))
                      (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.5555555555555p-3))))))
                (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2)) (f64x2.splat (f64.const 0x1.5555555555555p-5)))))
            (f64x2.splat (f64.const 1))))
        ;; Below -104 (and NaN): y = NaN, undecided.
        (local.set $y
          (v128.bitselect (local.get $y) (f64x2.splat (f64.const nan)) (f64x2.gt (local.get $v) (f64x2.splat (f64.const -104)))))
        ;; Above -2^-8: v (1 + v (1/2 + v (1/6 + v (1/24 + v / 120)))), its error relative; else e^v - 1 within 2^-41.
        (local.set $small (f64x2.gt (local.get $v) (f64x2.splat (f64.const -0x1p-8))))
        (local.set $y
          (v128.bitselect
            (f64x2.mul (local.get $v)
              (f64x2.add (f64x2.splat (f64.const 1))
                (f64x2.mul (local.get $v)
                  (f64x2.add (f64x2.splat (f64.const 0.5))
                    (f64x2.mul (local.get $v)
                      (f64x2.add (f64x2.splat (f64.const 0x1.5555555555555p-3))
                        (f64x2.mul (local.get $v)
                          (f64x2.add (f64x2.splat (f64.const 0x1.5555555555555p-5))
                            (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.1111111111111p-7)))))))))))
            (local.get $y)
            (local.get $small)))
        (local.set $err
          (v128.bitselect
            (f64x2.mul (f64x2.neg (local.get $y)) (f64x2.splat (f64.const 0x1p-44)))
            (f64x2.splat (f64.const 0x1p-41))
            (local.get $small)))
        (local.set $upperLow (f32x4.demote_f64x2_zero (f64x2.sub (local.get $y) (local.get $err))))
        (local.set $upperHigh (f32x4.demote_f64x2_zero (f64x2.add (local.get $y) (local.get $err))))
        (local.set $positive (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0)))
        (local.set $low (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lowerLow) (local.get $upperLow)))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
          (v128.bitselect (local.get $x) (local.get $low) (local.get $positive)))
        ;; Decided: x above 0, or y - err and y + err round alike (never for NaN).
        (local.set $decided
          (i32x4.bitmask
            (v128.or (local.get $positive)
              (f32x4.eq (local.get $low) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lowerHigh) (local.get $upperHigh))))))
        (if (i32.ne (local.get $decided) (i32.const 15))
          (then
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 1)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 0)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 2)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 1)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 4)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 2)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 8)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 3)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (i32.store (local.get $undecided) (local.get $found)))

  ;; tanhFloat32: dst[i] = tanh(src[i]) rounded to float32, decided from
  ;; tanh|x| = -expm1(-2|x|) / (2 + expm1(-2|x|)) in double, expm1 by the
  ;; double operations of eluFloat32 (the polynomial above -2^-8, e^v - 1
  ;; from the 2^(j / 64) table at $table below) and the sign copied from x
  ;; (tanh is odd, as Math.tanh). The quotient is within a relative 2^-34.9
  ;; of tanh|x| (e^v's 2^-43 grows by at most 2^8 in e^v - 1 below -2^-8),
  ;; so where t (1 -+ 2^-34) round alike every double within a few ulps of
  ;; tanh, Math.tanh's included, rounds to that float. |x| above 30 gives
  ;; exactly 1 in double, as it rounds anyway. Indices left undecided (NaN
  ;; included) are appended after the i32 count at $undecided, for
  ;; Math.tanh to compute; count is rounded up to a multiple of four, so up
  ;; to three indices may lie past the end.
  (func (export "tanhFloat32") (param $src i32) (param $dst i32) (param $count i32) (param $table i32) (param $undecided i32)
    (local $i i32) (local $found i32) (local $decided i32)
    (local $x v128) (local $v v128) (local $steps v128) (local $k v128) (local $j v128)
    (local $r v128) (local $r2 v128) (local $m v128) (local $t v128) (local $err v128)
    (local $lowerLow v128) (local $lowerHigh v128) (local $upperLow v128) (local $upperHigh v128) (local $low v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $x (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2)))))
        ;; lower half: a = min(|x|, 30), v = -2a; expm1(v) as in eluFloat32 (the polynomial above -2^-8,
        ;; else e^v - 1 from the table); t = -expm1(v) / (2 + expm1(v))
        (local.set $v (f64x2.min (f64x2.abs (f64x2.promote_low_f32x4 (local.get $x))) (f64x2.splat (f64.const 30))))
        (local.set $v (f64x2.neg (f64x2.add (local.get $v) (local.get $v))))
        (local.set $steps
          (f64x2.sub
            (f64x2.add (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.71547652b82fep+6)))
              (f64x2.splat (f64.const 0x1.8p+52)))
            (f64x2.splat (f64.const 0x1.8p+52))))
        (local.set $k (i32x4.trunc_sat_f64x2_s_zero (local.get $steps)))
        (local.set $r
          (f64x2.sub
            (f64x2.sub (local.get $v) (f64x2.mul (local.get $steps) (f64x2.splat (f64.const 0x1.62e43p-7))))
            (f64x2.mul (local.get $steps) (f64x2.splat (f64.const -0x1.05c611p-35)))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $j (i32x4.shl (v128.and (local.get $k) (i32x4.splat (i32.const 63))) (i32.const 3)))
        (local.set $m
          (f64x2.sub
            (f64x2.mul
              (f64x2.mul
                (f64x2.replace_lane 1
                  (f64x2.splat (f64.load (i32.add (local.get $table) (i32x4.extract_lane 0 (local.get $j)))))
                  (f64.load (i32.add (local.get $table) (i32x4.extract_lane 1 (local.get $j)))))
                (i64x2.shl
                  (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $k) (i32.const 6)) (i32x4.splat (i32.const 1023))))
                  (i32.const 52)))
              (f64x2.add
                (f64x2.add
                  (f64x2.add (f64x2.splat (f64.const 1)) (local.get $r))
                  (f64x2.mul (local.get $r2)
                    (f64x2.add (f64x2.splat (f64.const 0.5))
                      (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.5555555555555p-3))))))
                (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2)) (f64x2.splat (f64.const 0x1.5555555555555p-5)))))
            (f64x2.splat (f64.const 1))))
        (local.set $m
          (v128.bitselect
            (f64x2.mul (local.get $v)
              (f64x2.add (f64x2.splat (f64.const 1))
                (f64x2.mul (local.get $v)
                  (f64x2.add (f64x2.splat (f64.const 0.5))
                    (f64x2.mul (local.get $v)
                      (f64x2.add (f64x2.splat (f64.const 0x1.5555555555555p-3))
                        (f64x2.mul (local.get $v)
                          (f64x2.add (f64x2.splat (f64.const 0x1.5555555555555p-5))
                            (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.1111111111111p-7)))))))))))
            (local.get $m)
            (f64x2.gt (local.get $v) (f64x2.splat (f64.const -0x1p-8)))))
        (local.set $t (f64x2.div (f64x2.neg (local.get $m)) (f64x2.add (f64x2.splat (f64.const 2)) (local.get $m))))
        (local.set $err (f64x2.mul (local.get $t) (f64x2.splat (f64.const 0x1p-34))))
        (local.set $lowerLow (f32x4.demote_f64x2_zero (f64x2.sub (local.get $t) (local.get $err))))
        (local.set $lowerHigh (f32x4.demote_f64x2_zero (f64x2.add (local.get $t) (local.get $err))))
        ;; upper half: a = min(|x|, 30), v = -2a; expm1(v) as in eluFloat32 (the polynomial above -2^-8,
        ;; else e^v - 1 from the table); t = -expm1(v) / (2 + expm1(v))
        (local.set $v (f64x2.min (f64x2.abs (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))) (f64x2.splat (f64.const 30))))
        (local.set $v (f64x2.neg (f64x2.add (local.get $v) (local.get $v))))
        (local.set $steps
          (f64x2.sub
            (f64x2.add (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.71547652b82fep+6)))
              (f64x2.splat (f64.const 0x1.8p+52)))
            (f64x2.splat (f64.const 0x1.8p+52))))
        (local.set $k (i32x4.trunc_sat_f64x2_s_zero (local.get $steps)))
        (local.set $r
          (f64x2.sub
            (f64x2.sub (local.get $v) (f64x2.mul (local.get $steps) (f64x2.splat (f64.const 0x1.62e43p-7))))
            (f64x2.mul (local.get $steps) (f64x2.splat (f64.const -0x1.05c611p-35)))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $j (i32x4.shl (v128.and (local.get $k) (i32x4.splat (i32.const 63))) (i32.const 3)))
        (local.set $m
          (f64x2.sub
            (f64x2.mul
              (f64x2.mul
                (f64x2.replace_lane 1
                  (f64x2.splat (f64.load (i32.add (local.get $table) (i32x4.extract_lane 0 (local.get $j)))))
                  (f64.load (i32.add (local.get $table) (i32x4.extract_lane 1 (local.get $j)))))
                (i64x2.shl
                  (i64x2.extend_low_i32x4_s (i32x4.add (i32x4.shr_s (local.get $k) (i32.const 6)) (i32x4.splat (i32.const 1023))))
                  (i32.const 52)))
              (f64x2.add
                (f64x2.add
                  (f64x2.add (f64x2.splat (f64.const 1)) (local.get $r))
                  (f64x2.mul (local.get $r2)
                    (f64x2.add (f64x2.splat (f64.const 0.5))
                      (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0x1.5555555555555p-3))))))
                (f64x2.mul (f64x2.mul (local.get $r2) (local.get $r2)) (f64x2.splat (f64.const 0x1.5555555555555p-5)))))
            (f64x2.splat (f64.const 1))))
        (local.set $m
          (v128.bitselect
            (f64x2.mul (local.get $v)
              (f64x2.add (f64x2.splat (f64.const 1))
                (f64x2.mul (local.get $v)
                  (f64x2.add (f64x2.splat (f64.const 0.5))
                    (f64x2.mul (local.get $v)
                      (f64x2.add (f64x2.splat (f64.const 0x1.5555555555555p-3))
                        (f64x2.mul (local.get $v)
                          (f64x2.add (f64x2.splat (f64.const 0x1.5555555555555p-5))
                            (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0x1.1111111111111p-7)))))))))))
            (local.get $m)
            (f64x2.gt (local.get $v) (f64x2.splat (f64.const -0x1p-8)))))
        (local.set $t (f64x2.div (f64x2.neg (local.get $m)) (f64x2.add (f64x2.splat (f64.const 2)) (local.get $m))))
        (local.set $err (f64x2.mul (local.get $t) (f64x2.splat (f64.const 0x1p-34))))
        (local.set $upperLow (f32x4.demote_f64x2_zero (f64x2.sub (local.get $t) (local.get $err))))
        (local.set $upperHigh (f32x4.demote_f64x2_zero (f64x2.add (local.get $t) (local.get $err))))
        (local.set $low (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lowerLow) (local.get $upperLow)))
        ;; x's sign on |tanh x|
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
          (v128.or (local.get $low) (v128.and (local.get $x) (i32x4.splat (i32.const 0x80000000)))))
        ;; Decided: t - err and t + err round alike (never for NaN).
        (local.set $decided
          (i32x4.bitmask (f32x4.eq (local.get $low) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lowerHigh) (local.get $upperHigh)))))
        (if (i32.ne (local.get $decided) (i32.const 15))
          (then
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 1)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 0)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 2)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 1)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 4)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 2)))))
            (if (i32.eqz (i32.and (local.get $decided) (i32.const 8)))
              (then
                (local.set $found (i32.add (local.get $found) (i32.const 1)))
                (i32.store (i32.add (local.get $undecided) (i32.shl (local.get $found) (i32.const 2)))
                  (i32.add (local.get $i) (i32.const 3)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (i32.store (local.get $undecided) (local.get $found)))

  ;; sumContinued: the f32 at $total plus src[0] + src[1] + ... +
  ;; src[count - 1], each add an f32 rounding, in order, stored back at
  ;; $total: a sequential sum taken over consecutive blocks, each continuing
  ;; from the last one's total (from +0 for the first), is the sum sumBlocks
  ;; takes in one go. The fused elementwise evaluation sums each block of its
  ;; result this way while the block is in cache.
  (func (export "sumContinued") (param $src i32) (param $count i32) (param $total i32)
    (local $end i32) (local $acc f32)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $acc (f32.load (local.get $total)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $acc (f32.add (local.get $acc) (f32.load (local.get $src))))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (br $next)))
    (f32.store (local.get $total) (local.get $acc)))
)
