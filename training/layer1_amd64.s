// Layer 1's two big sums with the AVX instructions: four neurons in one
// instruction. Written by hand; layer1_amd64.go says what each function
// computes and why the numbers come out the same, bit for bit, as from the
// Go loops of fast.go. The three widths (16, 8 and 4 neurons) are the same
// loop with 4, 2 and 1 registers of sums.
//
// Registers: R8 the weights (w1T or mT), R9 the last offset whose weights
// still lie in it, R10 n1, R11 the next pixel, R12 the pixels left, R13 the
// grey levels, AX a pixel's offset, BX its level, Y0–Y3 the sums or d,
// Y8–Y11 the products, Y15 x in every lane.

#include "textflag.h"

// func sumColumns16(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel, grey *[256]float64) bool
TEXT ·sumColumns16(SB), NOSPLIT, $0-113
	MOVQ z_base+0(FP), DI
	MOVQ b_base+24(FP), SI
	MOVQ w1T_base+48(FP), R8
	MOVQ w1T_len+56(FP), R9
	MOVQ n1+72(FP), R10
	MOVQ pixels_base+80(FP), R11
	MOVQ pixels_len+88(FP), R12
	MOVQ grey+104(FP), R13
	SUBQ $16, R9 // the last offset whose 16 weights lie in w1T
	JLT  sum16bad
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
	VMOVUPD 64(SI), Y2
	VMOVUPD 96(SI), Y3
sum16loop:
	TESTQ R12, R12
	JEQ   sum16done
	MOVL  (R11), AX
	MOVBQZX AL, BX // the grey level
	SHRQ  $8, AX   // the pixel's index
	IMULQ R10, AX  // its row of w1T
	CMPQ  AX, R9
	JHI   sum16bad
	VBROADCASTSD (R13)(BX*8), Y15 // x = grey[level] in every lane
	VMULPD 0(R8)(AX*8), Y15, Y8
	VADDPD Y8, Y0, Y0
	VMULPD 32(R8)(AX*8), Y15, Y9
	VADDPD Y9, Y1, Y1
	VMULPD 64(R8)(AX*8), Y15, Y10
	VADDPD Y10, Y2, Y2
	VMULPD 96(R8)(AX*8), Y15, Y11
	VADDPD Y11, Y3, Y3
	ADDQ  $4, R11
	DECQ  R12
	JMP   sum16loop
sum16done:
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VZEROUPPER
	MOVB $1, ret+112(FP)
	RET
sum16bad:
	VZEROUPPER
	MOVB $0, ret+112(FP)
	RET

// func sumColumns8(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel, grey *[256]float64) bool
TEXT ·sumColumns8(SB), NOSPLIT, $0-113
	MOVQ z_base+0(FP), DI
	MOVQ b_base+24(FP), SI
	MOVQ w1T_base+48(FP), R8
	MOVQ w1T_len+56(FP), R9
	MOVQ n1+72(FP), R10
	MOVQ pixels_base+80(FP), R11
	MOVQ pixels_len+88(FP), R12
	MOVQ grey+104(FP), R13
	SUBQ $8, R9 // the last offset whose 8 weights lie in w1T
	JLT  sum8bad
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
sum8loop:
	TESTQ R12, R12
	JEQ   sum8done
	MOVL  (R11), AX
	MOVBQZX AL, BX // the grey level
	SHRQ  $8, AX   // the pixel's index
	IMULQ R10, AX  // its row of w1T
	CMPQ  AX, R9
	JHI   sum8bad
	VBROADCASTSD (R13)(BX*8), Y15 // x = grey[level] in every lane
	VMULPD 0(R8)(AX*8), Y15, Y8
	VADDPD Y8, Y0, Y0
	VMULPD 32(R8)(AX*8), Y15, Y9
	VADDPD Y9, Y1, Y1
	ADDQ  $4, R11
	DECQ  R12
	JMP   sum8loop
sum8done:
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VZEROUPPER
	MOVB $1, ret+112(FP)
	RET
sum8bad:
	VZEROUPPER
	MOVB $0, ret+112(FP)
	RET

// func sumColumns4(z, b, w1T []float64, n1 int, pixels []mnist.InkPixel, grey *[256]float64) bool
TEXT ·sumColumns4(SB), NOSPLIT, $0-113
	MOVQ z_base+0(FP), DI
	MOVQ b_base+24(FP), SI
	MOVQ w1T_base+48(FP), R8
	MOVQ w1T_len+56(FP), R9
	MOVQ n1+72(FP), R10
	MOVQ pixels_base+80(FP), R11
	MOVQ pixels_len+88(FP), R12
	MOVQ grey+104(FP), R13
	SUBQ $4, R9 // the last offset whose 4 weights lie in w1T
	JLT  sum4bad
	VMOVUPD 0(SI), Y0
sum4loop:
	TESTQ R12, R12
	JEQ   sum4done
	MOVL  (R11), AX
	MOVBQZX AL, BX // the grey level
	SHRQ  $8, AX   // the pixel's index
	IMULQ R10, AX  // its row of w1T
	CMPQ  AX, R9
	JHI   sum4bad
	VBROADCASTSD (R13)(BX*8), Y15 // x = grey[level] in every lane
	VMULPD 0(R8)(AX*8), Y15, Y8
	VADDPD Y8, Y0, Y0
	ADDQ  $4, R11
	DECQ  R12
	JMP   sum4loop
sum4done:
	VMOVUPD Y0, 0(DI)
	VZEROUPPER
	MOVB $1, ret+112(FP)
	RET
sum4bad:
	VZEROUPPER
	MOVB $0, ret+112(FP)
	RET

// func addOuter16(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel, grey *[256]float64) bool
TEXT ·addOuter16(SB), NOSPLIT, $0-89
	MOVQ mT_base+0(FP), R8
	MOVQ mT_len+8(FP), R9
	MOVQ n1+24(FP), R10
	MOVQ d_base+32(FP), SI
	MOVQ pixels_base+56(FP), R11
	MOVQ pixels_len+64(FP), R12
	MOVQ grey+80(FP), R13
	SUBQ $16, R9 // the last offset whose 16 numbers lie in mT
	JLT  outer16bad
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
	VMOVUPD 64(SI), Y2
	VMOVUPD 96(SI), Y3
outer16loop:
	TESTQ R12, R12
	JEQ   outer16done
	MOVL  (R11), AX
	MOVBQZX AL, BX
	SHRQ  $8, AX
	IMULQ R10, AX
	CMPQ  AX, R9
	JHI   outer16bad
	VBROADCASTSD (R13)(BX*8), Y15
	VMULPD Y15, Y0, Y8
	VADDPD 0(R8)(AX*8), Y8, Y8
	VMOVUPD Y8, 0(R8)(AX*8)
	VMULPD Y15, Y1, Y9
	VADDPD 32(R8)(AX*8), Y9, Y9
	VMOVUPD Y9, 32(R8)(AX*8)
	VMULPD Y15, Y2, Y10
	VADDPD 64(R8)(AX*8), Y10, Y10
	VMOVUPD Y10, 64(R8)(AX*8)
	VMULPD Y15, Y3, Y11
	VADDPD 96(R8)(AX*8), Y11, Y11
	VMOVUPD Y11, 96(R8)(AX*8)
	ADDQ  $4, R11
	DECQ  R12
	JMP   outer16loop
outer16done:
	VZEROUPPER
	MOVB $1, ret+88(FP)
	RET
outer16bad:
	VZEROUPPER
	MOVB $0, ret+88(FP)
	RET

// func addOuter8(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel, grey *[256]float64) bool
TEXT ·addOuter8(SB), NOSPLIT, $0-89
	MOVQ mT_base+0(FP), R8
	MOVQ mT_len+8(FP), R9
	MOVQ n1+24(FP), R10
	MOVQ d_base+32(FP), SI
	MOVQ pixels_base+56(FP), R11
	MOVQ pixels_len+64(FP), R12
	MOVQ grey+80(FP), R13
	SUBQ $8, R9 // the last offset whose 8 numbers lie in mT
	JLT  outer8bad
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
outer8loop:
	TESTQ R12, R12
	JEQ   outer8done
	MOVL  (R11), AX
	MOVBQZX AL, BX
	SHRQ  $8, AX
	IMULQ R10, AX
	CMPQ  AX, R9
	JHI   outer8bad
	VBROADCASTSD (R13)(BX*8), Y15
	VMULPD Y15, Y0, Y8
	VADDPD 0(R8)(AX*8), Y8, Y8
	VMOVUPD Y8, 0(R8)(AX*8)
	VMULPD Y15, Y1, Y9
	VADDPD 32(R8)(AX*8), Y9, Y9
	VMOVUPD Y9, 32(R8)(AX*8)
	ADDQ  $4, R11
	DECQ  R12
	JMP   outer8loop
outer8done:
	VZEROUPPER
	MOVB $1, ret+88(FP)
	RET
outer8bad:
	VZEROUPPER
	MOVB $0, ret+88(FP)
	RET

// func addOuter4(mT []float64, n1 int, d []float64, pixels []mnist.InkPixel, grey *[256]float64) bool
TEXT ·addOuter4(SB), NOSPLIT, $0-89
	MOVQ mT_base+0(FP), R8
	MOVQ mT_len+8(FP), R9
	MOVQ n1+24(FP), R10
	MOVQ d_base+32(FP), SI
	MOVQ pixels_base+56(FP), R11
	MOVQ pixels_len+64(FP), R12
	MOVQ grey+80(FP), R13
	SUBQ $4, R9 // the last offset whose 4 numbers lie in mT
	JLT  outer4bad
	VMOVUPD 0(SI), Y0
outer4loop:
	TESTQ R12, R12
	JEQ   outer4done
	MOVL  (R11), AX
	MOVBQZX AL, BX
	SHRQ  $8, AX
	IMULQ R10, AX
	CMPQ  AX, R9
	JHI   outer4bad
	VBROADCASTSD (R13)(BX*8), Y15
	VMULPD Y15, Y0, Y8
	VADDPD 0(R8)(AX*8), Y8, Y8
	VMOVUPD Y8, 0(R8)(AX*8)
	ADDQ  $4, R11
	DECQ  R12
	JMP   outer4loop
outer4done:
	VZEROUPPER
	MOVB $1, ret+88(FP)
	RET
outer4bad:
	VZEROUPPER
	MOVB $0, ret+88(FP)
	RET
// func haveAVX() bool
// CPUID leaf 1 says whether the processor has AVX (ECX bit 28) and whether
// the system saves registers with XSAVE (bit 27); XGETBV then says whether
// it saves the upper halves of the Y registers too (XCR0 bits 1 and 2).
TEXT ·haveAVX(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	ANDL $0x18000000, CX
	CMPL CX, $0x18000000
	JNE  noavx
	XORL CX, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE  noavx
	MOVB $1, ret+0(FP)
	RET
noavx:
	MOVB $0, ret+0(FP)
	RET
