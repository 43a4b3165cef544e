'use client'

import { Menu } from 'lucide-react'
import { usePathname } from 'next/navigation'
import { useState } from 'react'
import { Logo } from '@/components/brand/logo'
import { Button } from '@/components/ui/button'
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from '@/components/ui/sheet'
import { ConsoleNav, type NavOrg } from './console-nav'

export function MobileNav(props: { orgs: NavOrg[]; primaryOrgId: string | null; isAdmin: boolean }) {
  const pathname = usePathname()
  // Open only on the page it was opened on: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null)
  return (
    <Sheet open={openOn === pathname} onOpenChange={(open) => setOpenOn(open ? pathname : null)}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation">
          <Menu />
        </Button>
      </SheetTrigger>
      <SheetContent>
        <SheetTitle>
          <Logo />
        </SheetTitle>
        <ConsoleNav {...props} />
      </SheetContent>
    </Sheet>
  )
}
