import CKVM
import X86

// Conversions between the parts of a `VCPUContext` and KVM's general, special and debug register
// structures. A segment is unusable in KVM exactly when it is not present in the context.

extension kvm_regs {
    init(_ context: VCPUContext) {
        self.init()
        rax = context[.rax]
        rbx = context[.rbx]
        rcx = context[.rcx]
        rdx = context[.rdx]
        rsi = context[.rsi]
        rdi = context[.rdi]
        rsp = context[.rsp]
        rbp = context[.rbp]
        r8 = context[.r8]
        r9 = context[.r9]
        r10 = context[.r10]
        r11 = context[.r11]
        r12 = context[.r12]
        r13 = context[.r13]
        r14 = context[.r14]
        r15 = context[.r15]
        rip = context.rip
        rflags = context.rflags
    }

    func apply(to context: inout VCPUContext) {
        context[.rax] = rax
        context[.rbx] = rbx
        context[.rcx] = rcx
        context[.rdx] = rdx
        context[.rsi] = rsi
        context[.rdi] = rdi
        context[.rsp] = rsp
        context[.rbp] = rbp
        context[.r8] = r8
        context[.r9] = r9
        context[.r10] = r10
        context[.r11] = r11
        context[.r12] = r12
        context[.r13] = r13
        context[.r14] = r14
        context[.r15] = r15
        context.rip = rip
        context.rflags = rflags
    }
}

extension kvm_segment {
    init(_ segment: SegmentRegister) {
        self.init()
        base = segment.base
        limit = segment.limit
        selector = segment.selector
        let access = segment.access
        type = access.type
        s = access.isCodeOrData ? 1 : 0
        dpl = access.dpl
        present = access.present ? 1 : 0
        avl = access.available ? 1 : 0
        l = access.longMode ? 1 : 0
        db = access.defaultBig ? 1 : 0
        g = access.granularity ? 1 : 0
        unusable = access.present ? 0 : 1
    }

    var segmentRegister: SegmentRegister {
        SegmentRegister(
            selector: selector, base: base, limit: limit,
            access: SegmentAccessRights(
                type: type, system: s == 0, dpl: dpl, present: present != 0 && unusable == 0,
                available: avl != 0, longMode: l != 0, defaultBig: db != 0, granularity: g != 0))
    }
}

extension kvm_dtable {
    init(_ table: DescriptorTableRegister) {
        self.init()
        base = table.base
        limit = table.limit
    }

    var descriptorTableRegister: DescriptorTableRegister {
        DescriptorTableRegister(base: base, limit: limit)
    }
}

extension kvm_sregs {
    /// The special registers of `context`, with no interrupt queued through the bitmap
    /// (vCPU events carry the pending interrupt).
    init(_ context: VCPUContext) {
        self.init()
        es = kvm_segment(context[.es])
        cs = kvm_segment(context[.cs])
        ss = kvm_segment(context[.ss])
        ds = kvm_segment(context[.ds])
        fs = kvm_segment(context[.fs])
        gs = kvm_segment(context[.gs])
        ldt = kvm_segment(context.ldtr)
        tr = kvm_segment(context.tr)
        gdt = kvm_dtable(context.gdtr)
        idt = kvm_dtable(context.idtr)
        cr0 = context.cr0
        cr2 = context.cr2
        cr3 = context.cr3
        cr4 = context.cr4
        cr8 = context.cr8
        efer = context.efer
        apic_base = context.msr.apicBase
    }

    func apply(to context: inout VCPUContext) {
        context[.es] = es.segmentRegister
        context[.cs] = cs.segmentRegister
        context[.ss] = ss.segmentRegister
        context[.ds] = ds.segmentRegister
        context[.fs] = fs.segmentRegister
        context[.gs] = gs.segmentRegister
        context.ldtr = ldt.segmentRegister
        context.tr = tr.segmentRegister
        context.gdtr = gdt.descriptorTableRegister
        context.idtr = idt.descriptorTableRegister
        context.cr0 = cr0
        context.cr2 = cr2
        context.cr3 = cr3
        context.cr4 = cr4
        context.cr8 = cr8
        context.efer = efer
        context.msr.apicBase = apic_base
    }
}

extension kvm_debugregs {
    init(_ context: VCPUContext) {
        self.init()
        db = (context.dr[0], context.dr[1], context.dr[2], context.dr[3])
        dr6 = context.dr6
        dr7 = context.dr7
    }

    func apply(to context: inout VCPUContext) {
        context.dr[0] = db.0
        context.dr[1] = db.1
        context.dr[2] = db.2
        context.dr[3] = db.3
        context.dr6 = dr6
        context.dr7 = dr7
    }
}
