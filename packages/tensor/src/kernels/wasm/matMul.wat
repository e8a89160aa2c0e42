;; Row-major float32 matrix product for gradstream's matMul kernel:
;; out[i, j] = the sequential float32 sum over p of a[i, p] * b[p, j], from +0,
;; exactly what the TypeScript kernels compute (each lane of an f32x4
;; accumulator is one output; f32 mul and add round like Math.fround).
;; a is m x k, b is k x n, out is m x n, all at byte offsets in memory.
(module
  (import "env" "memory" (memory 1))

  (func (export "matMul")
    (param $a i32) (param $b i32) (param $out i32) (param $m i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $p i32)
    (local $aRow i32) (local $aEnd i32) (local $outRow i32) (local $bCol i32) (local $rowBytes i32)
    (local $x v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $s f32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $aRow (local.get $a))
    (local.set $outRow (local.get $out))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $aEnd (i32.add (local.get $aRow) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $j (i32.const 0))
        ;; sixteen columns at a time: four accumulators
        (block $wideDone
          (loop $wide
            (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
            (local.set $c0 (v128.const i32x4 0 0 0 0))
            (local.set $c1 (v128.const i32x4 0 0 0 0))
            (local.set $c2 (v128.const i32x4 0 0 0 0))
            (local.set $c3 (v128.const i32x4 0 0 0 0))
            (local.set $bCol (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (local.get $aRow))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $p) (local.get $aEnd)))
                (local.set $x (f32x4.splat (f32.load (local.get $p))))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $x) (v128.load (local.get $bCol)))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $bCol)))))
                (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $x) (v128.load offset=32 (local.get $bCol)))))
                (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $x) (v128.load offset=48 (local.get $bCol)))))
                (local.set $bCol (i32.add (local.get $bCol) (local.get $rowBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $inner)))
            (v128.store (i32.add (local.get $outRow) (i32.shl (local.get $j) (i32.const 2))) (local.get $c0))
            (v128.store offset=16 (i32.add (local.get $outRow) (i32.shl (local.get $j) (i32.const 2))) (local.get $c1))
            (v128.store offset=32 (i32.add (local.get $outRow) (i32.shl (local.get $j) (i32.const 2))) (local.get $c2))
            (v128.store offset=48 (i32.add (local.get $outRow) (i32.shl (local.get $j) (i32.const 2))) (local.get $c3))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $wide)))
        ;; four columns at a time
        (block $narrowDone
          (loop $narrow
            (br_if $narrowDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
            (local.set $c0 (v128.const i32x4 0 0 0 0))
            (local.set $bCol (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (local.get $aRow))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $p) (local.get $aEnd)))
                (local.set $c0 (f32x4.add (local.get $c0)
                  (f32x4.mul (f32x4.splat (f32.load (local.get $p))) (v128.load (local.get $bCol)))))
                (local.set $bCol (i32.add (local.get $bCol) (local.get $rowBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $inner)))
            (v128.store (i32.add (local.get $outRow) (i32.shl (local.get $j) (i32.const 2))) (local.get $c0))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $narrow)))
        ;; the last columns one at a time
        (block $singleDone
          (loop $single
            (br_if $singleDone (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $s (f32.const 0))
            (local.set $bCol (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (local.get $aRow))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $p) (local.get $aEnd)))
                (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $p)) (f32.load (local.get $bCol)))))
                (local.set $bCol (i32.add (local.get $bCol) (local.get $rowBytes)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $inner)))
            (f32.store (i32.add (local.get $outRow) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $single)))
        (local.set $aRow (local.get $aEnd))
        (local.set $outRow (i32.add (local.get $outRow) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
